package io.gatehouse.credentials;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The locations credentials reach, what they may do there, and the customer-managed KMS keys
 * (key ARNs) their objects are encrypted with, which the credentials may use for that and nothing
 * else. Locations and keys are kept sorted and without duplicates, so that equal scopes are equal
 * keys of the credential cache.
 */
public record StorageScope(List<S3Location> locations, AccessLevel access, List<String> kmsKeys) {
  public StorageScope {
    if (access == null) {
      throw new IllegalArgumentException("access level is required");
    }
    locations = List.copyOf(new TreeSet<>(locations));
    kmsKeys = kmsKeys == null ? List.of() : List.copyOf(new TreeSet<>(kmsKeys));
  }

  public StorageScope(List<S3Location> locations, AccessLevel access) {
    this(locations, access, List.of());
  }

  /** This scope, its objects also encrypted with KMS key {@code keyArn} (none when null). */
  public StorageScope withKmsKey(String keyArn) {
    if (keyArn == null) {
      return this;
    }
    List<String> keys = new java.util.ArrayList<>(kmsKeys);
    keys.add(keyArn);
    return new StorageScope(locations, access, keys);
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

  /** A stable text form, e.g. {@code READ s3://b/t1,s3://b/t2}, and {@code kms <key arn>,...} when keys are named. */
  public String describe() {
    String reach = access + " " + locations.stream().map(S3Location::toString).collect(Collectors.joining(","));
    return kmsKeys.isEmpty() ? reach : reach + " kms " + String.join(",", kmsKeys);
  }
}
