package io.gatehouse.server.credentials;

import io.gatehouse.credentials.IssuedCredentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the AWS credentials of a sign-in for the database with AES-256-GCM under a key derived
 * (HMAC-SHA256) from the sign-in token's value. The server stores only the token's SHA-256, never
 * its value, so a row can be opened only by a request that presents that very token: a copy of
 * the database, another user's token or the same user's personal access token open nothing. The
 * associated data (token id, role) pins a row to its place: a sealed value moved to another
 * token's or role's row does not open.
 */
final class SignInSeal {
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] LABEL = "gatehouse sign-in credentials v1".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();

  private SignInSeal() {}

  /** The sealed credentials: a version byte, the nonce, then the ciphertext with its tag. */
  static byte[] seal(String tokenValue, String tokenId, String roleArn, IssuedCredentials credentials) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, tokenValue, nonce, tokenId, roleArn);
      byte[] sealed = cipher.doFinal(plain(credentials));
      byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
      out[0] = VERSION;
      System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The credentials, or null when they do not open with this token at this place (wrong token, moved or altered). */
  static IssuedCredentials open(String tokenValue, String tokenId, String roleArn, byte[] sealed) {
    if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      return null;
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, tokenValue, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES), tokenId, roleArn);
      return read(cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES));
    } catch (GeneralSecurityException | IOException e) {
      return null;
    }
  }

  private static Cipher cipher(int mode, String tokenValue, byte[] nonce, String tokenId, String roleArn)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(tokenValue.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] key = mac.doFinal(LABEL);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    Arrays.fill(key, (byte) 0);
    cipher.updateAAD((tokenId + "\n" + roleArn).getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static byte[] plain(IssuedCredentials c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeString(out, c.accessKeyId());
      writeString(out, c.secretAccessKey());
      writeString(out, c.sessionToken());
      out.writeLong(c.expiration().toEpochMilli());
      writeString(out, c.assumedRoleArn());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  private static IssuedCredentials read(byte[] plain) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
      return new IssuedCredentials(readString(in), readString(in), readString(in), Instant.ofEpochMilli(in.readLong()),
          readString(in));
    }
  }

  /** Length-prefixed UTF-8 (session tokens may be long), -1 for null. */
  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
