package io.gatehouse.server.iceberg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Entity tags of loadTable answers (the Iceberg REST spec's ETag and If-None-Match, RFC 9110).
 * A tag is a digest of everything the answer depends on but its credentials: the metadata file,
 * the snapshots asked for, whether credentials were asked and of which kind, and the read
 * restrictions of an engine's end user. Any change of these gives another tag.
 */
final class EntityTags {
  /** The most an If-None-Match header is read of; longer ones match nothing. */
  private static final int MAX_HEADER = 8192;

  private EntityTags() {}

  /** The strong tag, quoted, of an answer made of these parts. */
  static String of(String metadataLocation, boolean refsOnly, boolean readWrite, boolean vended, String restrictions) {
    StringBuilder parts = new StringBuilder()
        .append(metadataLocation).append('\n')
        .append(refsOnly ? "refs" : "all").append('\n')
        .append(vended ? (readWrite ? "vended:READ_WRITE" : "vended:READ") : "no-credentials").append('\n')
        .append(restrictions == null ? "" : restrictions);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(parts.toString().getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(digest, 0, 20) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * Whether an If-None-Match header names {@code etag}: {@code *}, or a list of tags one of which
   * is it by the weak comparison (a {@code W/} prefix is ignored). A header that does not parse
   * matches nothing, so the answer is sent in full.
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.length() > MAX_HEADER) {
      return false;
    }
    String header = ifNoneMatch.strip();
    if (header.equals("*")) {
      return true;
    }
    int i = 0;
    while (i < header.length()) {
      while (i < header.length() && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ',')) {
        i++;
      }
      if (i >= header.length()) {
        break;
      }
      if (header.startsWith("W/", i)) {
        i += 2;
      }
      if (i >= header.length() || header.charAt(i) != '"') {
        return false; // not an entity tag: the header is malformed
      }
      int end = header.indexOf('"', i + 1);
      if (end < 0) {
        return false;
      }
      if (header.substring(i, end + 1).equals(etag)) {
        return true;
      }
      i = end + 1;
    }
    return false;
  }
}
