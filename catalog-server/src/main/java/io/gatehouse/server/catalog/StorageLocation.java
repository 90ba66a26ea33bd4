package io.gatehouse.server.catalog;

import io.gatehouse.credentials.StorageUrl;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * A storage URL in its one canonical spelling ({@link StorageUrl}, shared with the credential
 * vendor), so that prefix comparisons between locations mean what they say and the catalog
 * stores what credentials are later cut for: {@code s3a://Lake/a//b/} is {@code s3://lake/a/b}.
 */
public record StorageLocation(StorageUrl url) {
  public static final int MAX_LENGTH = StorageUrl.MAX_LENGTH;

  /** {@code raw} in its canonical form; a 400 naming {@code field} when it has none. */
  public static StorageLocation parse(String field, String raw) {
    try {
      return new StorageLocation(StorageUrl.parse(raw));
    } catch (StorageUrl.InvalidStorageUrlException e) {
      throw GatehouseException.invalid("Field '" + field + "' " + e.getMessage()
          + (raw == null || raw.isBlank() ? "." : " (got '" + Validation.printable(clip(raw)) + "')."));
    }
  }

  /** A location already in canonical form, as stored; null stays null. */
  public static StorageLocation stored(String canonical) {
    return canonical == null ? null : new StorageLocation(StorageUrl.parse(canonical));
  }

  public String scheme() {
    return url.scheme();
  }

  public String authority() {
    return url.authority();
  }

  /** The canonical path: empty, or {@code /seg/seg} with escapes. */
  public String path() {
    return url.path();
  }

  public StorageLocation child(String... segments) {
    return new StorageLocation(url.child(segments));
  }

  /** Whether {@code other} is this location or lies below it. */
  public boolean contains(StorageLocation other) {
    return url.contains(other.url);
  }

  /** Every proper prefix of this location on a segment boundary, shortest first. */
  public List<String> ancestors() {
    List<String> result = new ArrayList<>();
    List<String> segments = url.segments();
    for (int i = url.authority().isEmpty() ? 1 : 0; i < segments.size(); i++) {
      result.add(new StorageUrl(url.scheme(), url.authority(), segments.subList(0, i)).toString());
    }
    return result;
  }

  @Override
  public String toString() {
    return url.toString();
  }

  private static String clip(String raw) {
    return raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
  }
}
