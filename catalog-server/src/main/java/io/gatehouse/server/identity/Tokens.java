package io.gatehouse.server.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secrets handed to callers: 256 random bits, base64url, behind a prefix that names their kind
 * (so secret scanners can find leaked ones). Only their SHA-256 is stored: the secrets carry
 * 256 bits of entropy, so a fast hash is enough and lookups stay one index probe.
 */
public final class Tokens {
  public static final String ACCESS_TOKEN_PREFIX = "gat_";
  public static final String CLIENT_SECRET_PREFIX = "gas_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  public static String newSecret(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A public identifier for a token or secret: 128 random bits, hex. */
  public static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
