package io.gatehouse.credentials;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The locations credentials reach and what they may do there. The locations are kept sorted and
 * without duplicates, so that equal scopes are equal keys of the credential cache.
 */
public record StorageScope(List<S3Location> locations, AccessLevel access) {
  public StorageScope {
    if (access == null) {
      throw new IllegalArgumentException("access level is required");
    }
    locations = List.copyOf(new TreeSet<>(locations));
  }

  public static StorageScope of(AccessLevel access, S3Location... locations) {
    return new StorageScope(List.of(locations), access);
  }

  /** A scope that reaches nothing: its session policy denies everything. */
  public static StorageScope nothing(AccessLevel access) {
    return new StorageScope(List.of(), access);
  }

  public boolean isEmpty() {
    return locations.isEmpty();
  }

  /** A stable text form, e.g. {@code READ s3://b/t1,s3://b/t2}. */
  public String describe() {
    return access + " " + locations.stream().map(S3Location::toString).collect(Collectors.joining(","));
  }
}
