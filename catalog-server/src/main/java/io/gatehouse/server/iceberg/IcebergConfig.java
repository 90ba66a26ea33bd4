package io.gatehouse.server.iceberg;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** The Iceberg REST catalog: where the S3 of the tables is, for its own metadata files and as hints to clients. */
@ConfigMapping(prefix = "gatehouse.iceberg")
public interface IcebergConfig {
  S3 s3();

  interface S3 {
    /** The S3 endpoint (an S3-compatible server); unset: AWS S3 of the region. Given to clients as {@code s3.endpoint}. */
    Optional<URI> endpoint();

    /** Address buckets by path (needed by most S3-compatible servers); given to clients as {@code s3.path-style-access}. */
    @WithDefault("false")
    boolean pathStyleAccess();

    /** The region of the buckets; given to clients as {@code client.region}. */
    @WithDefault("us-east-1")
    String region();
  }
}
