package io.gatehouse.credentials;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An S3 bucket and a key prefix without leading or trailing slash (empty for the whole bucket),
 * read from {@code s3://bucket/prefix}; {@code s3a://} and {@code s3n://}, Hadoop's spellings of
 * the same storage, are accepted too.
 */
public record S3Location(String bucket, String prefix) implements Comparable<S3Location> {
  // S3's bucket rules, loosely: 3-63 characters of lower-case letters, digits, dots and hyphens.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Location {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
    }
    prefix = prefix == null ? "" : trimSlashes(prefix);
  }

  /** Whether {@code url} names S3 storage by its scheme. */
  public static boolean isS3(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("s3://") || lower.startsWith("s3a://") || lower.startsWith("s3n://");
  }

  public static S3Location parse(String url) {
    if (url == null || !isS3(url)) {
      throw new IllegalArgumentException("not an s3:// URL: '" + url + "'");
    }
    String rest = url.substring(url.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (prefix.contains("//")) {
      throw new IllegalArgumentException("empty path segment in '" + url + "'");
    }
    return new S3Location(bucket, prefix);
  }

  /** Whether {@code other} is this location or lies below it, on a path-segment boundary. */
  public boolean contains(S3Location other) {
    if (!bucket.equals(other.bucket)) {
      return false;
    }
    return prefix.isEmpty() || other.prefix.equals(prefix) || other.prefix.startsWith(prefix + "/");
  }

  @Override
  public int compareTo(S3Location o) {
    int byBucket = bucket.compareTo(o.bucket);
    return byBucket != 0 ? byBucket : prefix.compareTo(o.prefix);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }
}
