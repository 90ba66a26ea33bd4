package io.gatehouse.lineage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ids that the graph API shows. Stored ids are name-based ({@link LineageIds}), so anyone
 * who guesses a name could compute its id and recognise a placeholder. Outside, every dataset,
 * job and column id is that id encrypted under a per-installation key ({@link LineageKeys}):
 * one AES block, a permutation of 128-bit values, so it is stable (the same node has the same
 * id in every answer), reversible here without a look-up, and unguessable without the key.
 * Page tokens, which carry a stored id, are sealed with AES-GCM under a second derived key.
 * Thread-safe.
 */
public final class PublicIds {
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec idKey;
  private final SecretKeySpec tokenKey;
  private final ThreadLocal<Cipher> hide;
  private final ThreadLocal<Cipher> reveal;
  private final SecureRandom random = new SecureRandom();

  /** {@code secret}: at least 32 random bytes. */
  public PublicIds(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("secret: at least 32 bytes");
    }
    this.idKey = new SecretKeySpec(Arrays.copyOf(derive(secret, "lineage public ids"), 16), "AES");
    this.tokenKey = new SecretKeySpec(Arrays.copyOf(derive(secret, "lineage page tokens"), 16), "AES");
    this.hide = ThreadLocal.withInitial(() -> block(Cipher.ENCRYPT_MODE));
    this.reveal = ThreadLocal.withInitial(() -> block(Cipher.DECRYPT_MODE));
  }

  /** The id shown for the stored id {@code id}; null for null. */
  public UUID hide(UUID id) {
    return id == null ? null : apply(hide.get(), id);
  }

  /** The stored id behind the shown id {@code id}. Any value maps to some id; unknown ones find nothing. */
  public UUID reveal(UUID id) {
    return apply(reveal.get(), id);
  }

  /** {@code token} sealed: unreadable and unforgeable outside; null for null. */
  public String seal(String token) {
    if (token == null) {
      return null;
    }
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, tokenKey, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = gcm.doFinal(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JVM", e);
    }
  }

  /** The token that {@link #seal} sealed, or empty for anything else. */
  public Optional<String> open(String sealed) {
    try {
      byte[] raw = Base64.getUrlDecoder().decode(sealed);
      if (raw.length <= NONCE) {
        return Optional.empty();
      }
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, tokenKey, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE));
      return Optional.of(new String(gcm.doFinal(raw, NONCE, raw.length - NONCE), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private UUID apply(Cipher cipher, UUID id) {
    byte[] in = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    try {
      ByteBuffer out = ByteBuffer.wrap(cipher.doFinal(in));
      return new UUID(out.getLong(), out.getLong());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES failed on one block", e);
    }
  }

  private Cipher block(int mode) {
    try {
      // One block of a fixed size: ECB is the bare permutation here, not a mode over a message.
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(mode, idKey);
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is missing from this JVM", e);
    }
  }

  private static byte[] derive(byte[] secret, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
