package io.gatehouse.spark;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The options of one Spark catalog ({@code spark.sql.catalog.<name>.<key>}): where Gatehouse is, who
 * the session reads as, and what S3 needs beside the vended credentials.
 *
 * @param uri the REST base ({@code uri}), e.g. {@code http://127.0.0.1:8080}
 * @param grpcHost the gRPC host ({@code grpc-uri}, {@code host:port}; the REST host on 9090 by default)
 * @param token the bearer token ({@code token}): the engine's own when {@code user} is set, else the user's
 * @param user the end user the engine acts for ({@code user}); null for the token's own principal
 * @param catalog the Gatehouse catalog ({@code catalog}; the Spark catalog's name by default)
 * @param hadoop further S3A settings for every table ({@code hadoop.fs.s3a.*}), never credentials
 */
public record ConnectorConfig(
    String uri,
    String grpcHost,
    int grpcPort,
    String token,
    String user,
    String catalog,
    String s3Endpoint,
    boolean s3PathStyle,
    String s3Region,
    Duration renewBefore,
    Map<String, String> hadoop) {

  static ConnectorConfig of(String sparkCatalogName, Map<String, String> options) {
    String uri = required(options, "uri");
    String grpc = options.getOrDefault("grpc-uri", URI.create(uri).getHost() + ":9090");
    int colon = grpc.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("grpc-uri must be host:port, not '" + grpc + "'");
    }
    String user = options.get("user");
    return new ConnectorConfig(
        uri,
        grpc.substring(0, colon).replaceFirst("^[a-z]+://", ""),
        Integer.parseInt(grpc.substring(colon + 1)),
        required(options, "token"),
        user == null || user.isBlank() ? null : user,
        options.getOrDefault("catalog", sparkCatalogName),
        options.get("s3.endpoint"),
        Boolean.parseBoolean(options.getOrDefault("s3.path-style-access", "false")),
        options.getOrDefault("s3.region", "us-east-1"),
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("credentials.renew-before-seconds", "300"))),
        hadoopOptions(options));
  }

  /** {@code hadoop.fs.s3a.*} options, passed to every table's S3A as {@code fs.s3a.*}; credentials excepted. */
  private static Map<String, String> hadoopOptions(Map<String, String> options) {
    Map<String, String> hadoop = new java.util.HashMap<>();
    options.forEach((k, v) -> {
      String key = k.toLowerCase(Locale.ROOT);
      if (key.startsWith("hadoop.fs.s3a.") && !key.contains("access.key") && !key.contains("secret.key")
          && !key.contains("session.token") && !key.contains("credentials.provider")) {
        hadoop.put(k.substring("hadoop.".length()), v);
      }
    });
    return Map.copyOf(hadoop);
  }

  private static String required(Map<String, String> options, String key) {
    String value = options.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("spark.sql.catalog.<name>." + key.toLowerCase(Locale.ROOT) + " is required");
    }
    return value;
  }

  /** Where gRPC calls go, as the hadoop configuration carries it to executors. */
  String grpcTarget() {
    return grpcHost + ":" + grpcPort;
  }
}
