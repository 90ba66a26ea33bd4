package io.gatehouse.credentials;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A storage URL in its one canonical spelling. Every place that stores, compares or vends for a
 * location reads it through {@link #parse}: the catalog's overlap check and the credential
 * vendor's prefixes can then never disagree about which objects a location names.
 *
 * <p>The canonical form is {@code scheme://authority/seg/seg}:
 *
 * <ul>
 *   <li>the scheme in lower case, Hadoop's {@code s3a} and {@code s3n} read as {@code s3};
 *   <li>the authority (bucket, container, host) in lower case: those names are case-insensitive
 *       or lower-case only; it may hold no percent-escape. Whether it is a valid S3 bucket is
 *       {@link S3Location}'s question: an invalid one is stored (as Unity Catalog OSS stores it)
 *       but never gets credentials;
 *   <li>the path percent-decoded (UTF-8) before anything else, since S3 keys are bytes and
 *       {@code %6F} and {@code o} name the same key, then split on {@code /}: empty segments
 *       ({@code //}, a trailing slash) are dropped, {@code .} and {@code ..} are refused (also when
 *       spelled {@code %2E%2E}), control characters are refused; keys keep their case;
 *   <li>written back with every byte outside RFC 3986's path characters as an upper-case
 *       {@code %XX}, so the text is ASCII and a valid URI.
 * </ul>
 *
 * <p>No query, no fragment; {@code file:/x} is read as {@code file:///x}, and a {@code file}
 * location must name a directory below the root.
 */
public record StorageUrl(String scheme, String authority, List<String> segments) {
  public static final int MAX_LENGTH = 2048;

  private static final Map<String, String> SCHEME_ALIASES = Map.of("s3a", "s3", "s3n", "s3");
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
  // Registered names, user info and ports; IPv6 literals in brackets. No percent-escapes.
  private static final Pattern AUTHORITY = Pattern.compile("[a-z0-9._~!$&'()*+,;=:@\\[\\]-]*");
  private static final String PATH_CHARACTERS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@";

  /** A URL that has no canonical form; the message says why, without naming a field. */
  public static final class InvalidStorageUrlException extends IllegalArgumentException {
    public InvalidStorageUrlException(String message) {
      super(message);
    }
  }

  public StorageUrl {
    segments = List.copyOf(segments);
  }

  /** {@code raw} in its canonical form, or {@link InvalidStorageUrlException} saying why it has none. */
  public static StorageUrl parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw invalid("is required");
    }
    if (raw.length() > MAX_LENGTH) {
      throw invalid("must be at most " + MAX_LENGTH + " characters");
    }
    if (raw.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw invalid("must not contain whitespace or control characters");
    }
    int colon = raw.indexOf(':');
    String scheme = colon <= 0 ? null : raw.substring(0, colon).toLowerCase(Locale.ROOT);
    if (scheme == null || !SCHEME.matcher(scheme).matches()) {
      throw invalid("must be an absolute URL such as s3://bucket/path");
    }
    scheme = SCHEME_ALIASES.getOrDefault(scheme, scheme);
    if (raw.indexOf('?') >= 0 || raw.indexOf('#') >= 0) {
      throw invalid("must not have a query or fragment");
    }
    String rest = raw.substring(colon + 1);
    String authority;
    String path;
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      authority = (slash < 0 ? rest.substring(2) : rest.substring(2, slash)).toLowerCase(Locale.ROOT);
      path = slash < 0 ? "" : rest.substring(slash);
    } else if (scheme.equals("file") && rest.startsWith("/")) {
      authority = "";
      path = rest;
    } else {
      throw invalid("must be an absolute URL such as s3://bucket/path");
    }
    if (!AUTHORITY.matcher(authority).matches()) {
      throw invalid("must name a bucket or host without escapes or special characters");
    }
    if (authority.isEmpty() && !scheme.equals("file")) {
      throw invalid("must name a bucket or container, as in " + scheme + "://bucket/path");
    }
    List<String> segments = segments(decode(path));
    if (scheme.equals("file") && segments.isEmpty()) {
      throw invalid("must name a directory, not the file system root");
    }
    return new StorageUrl(scheme, authority, segments);
  }

  /** Whether this URL is S3 storage. */
  public boolean isS3() {
    return scheme.equals("s3");
  }

  /** The decoded path without leading or trailing slash: for S3 the key prefix. */
  public String key() {
    return String.join("/", segments);
  }

  /** The path as written in the canonical form: empty, or {@code /seg/seg} with escapes. */
  public String path() {
    StringBuilder out = new StringBuilder();
    for (String segment : segments) {
      out.append('/').append(encode(segment));
    }
    return out.toString();
  }

  /** This URL with {@code more} decoded segments appended. */
  public StorageUrl child(String... more) {
    List<String> all = new ArrayList<>(segments);
    for (String segment : more) {
      all.addAll(segments(segment));
    }
    return new StorageUrl(scheme, authority, all);
  }

  /** Whether {@code other} is this location or lies below it, on a segment boundary. */
  public boolean contains(StorageUrl other) {
    return scheme.equals(other.scheme) && authority.equals(other.authority)
        && other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
  }

  @Override
  public String toString() {
    return scheme + "://" + authority + path();
  }

  /**
   * {@code key} (decoded) split into segments: empty ones dropped; {@code .}, {@code ..} and
   * control characters refused.
   */
  static List<String> segments(String key) {
    List<String> result = new ArrayList<>();
    for (String segment : key.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw invalid("must not contain '.' or '..' segments");
      }
      if (segment.codePoints().anyMatch(Character::isISOControl)) {
        throw invalid("must not contain control characters, also not percent-encoded");
      }
      result.add(segment);
    }
    return result;
  }

  private static String decode(String path) {
    if (path.indexOf('%') < 0) {
      return path;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
    byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      if (utf8[i] != '%') {
        bytes.write(utf8[i]);
        continue;
      }
      int high = i + 2 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
      int low = high < 0 ? -1 : Character.digit(utf8[i + 2], 16);
      if (low < 0) {
        throw invalid("has a malformed percent-escape");
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid("has percent-escapes that are not UTF-8");
    }
  }

  private static String encode(String segment) {
    StringBuilder out = new StringBuilder(segment.length());
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && PATH_CHARACTERS.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static InvalidStorageUrlException invalid(String reason) {
    return new InvalidStorageUrlException(reason);
  }
}
