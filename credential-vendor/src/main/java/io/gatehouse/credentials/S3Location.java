package io.gatehouse.credentials;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An S3 bucket and a key prefix without leading or trailing slash (empty for the whole bucket),
 * read from a URL through {@link StorageUrl}, so in the one spelling the catalog stores:
 * {@code s3a://}, {@code S3://}, {@code s3://lake//a/./b/}, {@code s3://lake/%61} are refused or
 * read as the {@code s3://} location they name. The prefix is the decoded key, as S3 compares it.
 */
public record S3Location(String bucket, String prefix) implements Comparable<S3Location> {
  // S3's bucket rules, loosely: 3-63 characters of lower-case letters, digits, dots and hyphens.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** {@code prefix} is a decoded key prefix; empty segments are dropped, {@code .} and {@code ..} refused. */
  public S3Location {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
    }
    prefix = String.join("/", StorageUrl.segments(prefix == null ? "" : prefix));
  }

  /** Whether {@code url} names S3 storage by its scheme ({@code s3}, or Hadoop's {@code s3a}, {@code s3n}). */
  public static boolean isS3(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("s3://") || lower.startsWith("s3a://") || lower.startsWith("s3n://");
  }

  /** The location {@code url} names; IllegalArgumentException when it is not an S3 URL or has no canonical form. */
  public static S3Location parse(String url) {
    StorageUrl canonical = StorageUrl.parse(url);
    if (!canonical.isS3()) {
      throw new IllegalArgumentException("not an s3:// URL");
    }
    return of(canonical);
  }

  /** The S3 location of a canonical URL with scheme s3. */
  public static S3Location of(StorageUrl url) {
    if (!url.isS3()) {
      throw new IllegalArgumentException("not an s3:// URL");
    }
    return new S3Location(url.authority(), url.key());
  }

  /** This location as a canonical URL. */
  public StorageUrl url() {
    return new StorageUrl("s3", bucket, prefix.isEmpty() ? List.of() : List.of(prefix.split("/")));
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

  /** The canonical URL, e.g. {@code s3://lake/sales/orders}. */
  @Override
  public String toString() {
    return url().toString();
  }
}
