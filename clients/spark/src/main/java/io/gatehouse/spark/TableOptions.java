package io.gatehouse.spark;

import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.TemporaryCredentials;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-table options a loaded table carries into Spark's hadoop configuration (scans broadcast
 * it to executors): S3A bound to the table's vended credentials through
 * {@link GatehouseCredentialsProvider}, with its own filesystem per credential scope
 * ({@link ScopedS3AFileSystem}), and the endpoint, path-style and region a non-AWS S3 needs.
 */
final class TableOptions {
  // Under "fs.": Delta passes a table's options on to its log and files only when they start with
  // "fs." or "dfs." (DeltaTableUtils.validDeltaTableHadoopPrefixes).
  static final String PREFIX = "fs.gatehouse.";
  static final String TABLE = PREFIX + "table";
  static final String OPERATION = PREFIX + "operation";
  static final String USER = PREFIX + "user";
  static final String TOKEN = PREFIX + "token";
  static final String GRPC_TARGET = PREFIX + "grpc-target";
  static final String POLICY = PREFIX + "policy";
  static final String SCOPE = PREFIX + "scope";
  static final String ACCESS_KEY_ID = PREFIX + "access-key-id";
  static final String SECRET_ACCESS_KEY = PREFIX + "secret-access-key";
  static final String SESSION_TOKEN = PREFIX + "session-token";
  static final String EXPIRES_AT = PREFIX + "expires-at-ms";
  static final String RENEW_BEFORE_MS = PREFIX + "renew-before-ms";
  /** The view a table was loaded beneath: its renewals are asked beneath the same view. */
  static final String THROUGH_VIEW = PREFIX + "through-view";

  private TableOptions() {}

  static Map<String, String> of(ConnectorConfig config, ResolveTableResponse resolved, CredentialOperation operation) {
    return of(config, resolved, operation, null);
  }

  static Map<String, String> of(ConnectorConfig config, ResolveTableResponse resolved, CredentialOperation operation,
      String throughView) {
    Map<String, String> options = new HashMap<>(config.hadoop());
    if (throughView != null) {
      options.put(THROUGH_VIEW, throughView);
    }
    TemporaryCredentials c = resolved.getCredentials();
    options.put(TABLE, resolved.getTable().getFullName());
    options.put(OPERATION, operation.name());
    if (config.user() != null) {
      options.put(USER, config.user());
    }
    options.put(TOKEN, config.token());
    options.put(GRPC_TARGET, config.grpcTarget());
    options.put(POLICY, TablePolicy.of(resolved).fingerprint());
    options.put(ACCESS_KEY_ID, c.getAccessKeyId());
    options.put(SECRET_ACCESS_KEY, c.getSecretAccessKey());
    options.put(SESSION_TOKEN, c.getSessionToken());
    options.put(EXPIRES_AT, Long.toString(c.getExpirationTime()));
    options.put(RENEW_BEFORE_MS, Long.toString(config.renewBefore().toMillis()));
    // One filesystem per table, operation, reader and policy: never another table's credentials.
    options.put(SCOPE, resolved.getTable().getTableId() + "/" + operation + "/" + config.user() + "/"
        + Integer.toHexString(config.token().hashCode()) + "/" + options.get(POLICY)
        + (throughView == null ? "" : "/" + throughView));
    for (String scheme : new String[] {"s3", "s3a"}) {
      options.put("fs." + scheme + ".impl", ScopedS3AFileSystem.class.getName());
      options.put("fs." + scheme + ".impl.disable.cache", "true");
    }
    options.put("fs.s3a.aws.credentials.provider", GatehouseCredentialsProvider.class.getName());
    if (config.s3Endpoint() != null) {
      options.put("fs.s3a.endpoint", config.s3Endpoint());
    }
    options.put("fs.s3a.path.style.access", Boolean.toString(config.s3PathStyle()));
    options.put("fs.s3a.endpoint.region", config.s3Region());
    return options;
  }
}
