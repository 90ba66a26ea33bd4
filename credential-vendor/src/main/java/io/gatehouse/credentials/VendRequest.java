package io.gatehouse.credentials;

import java.time.Duration;
import java.util.Map;

/**
 * One request for credentials, already authorized by the catalog: who asks, which role source,
 * what scope, and the names the session is tagged with (catalog, schema, table, ...). A null
 * {@code duration} means the vendor's default.
 */
public record VendRequest(
    String principal, RoleSource source, StorageScope scope, Map<String, String> context, Duration duration) {
  public VendRequest {
    context = context == null ? Map.of() : Map.copyOf(context);
  }
}
