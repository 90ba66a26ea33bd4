package io.gatehouse.server.iceberg;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.credentials.S3Location;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.credentials.CredentialsApi.AwsCredentials;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Iceberg metadata files on S3, written and read by the catalog itself with credentials vended
 * for the table's location. A metadata file never changes once written, so files read are kept
 * by location. S3's own words stay in the log; callers learn the status only.
 */
@ApplicationScoped
class MetadataFiles {
  private static final Logger LOG = Logger.getLogger(MetadataFiles.class);

  private final IcebergConfig config;
  private final SdkHttpClient http = Apache5HttpClient.create();
  private final Cache<String, TableMetadata> read = Caffeine.newBuilder().maximumSize(2_000).build();

  MetadataFiles(IcebergConfig config) {
    this.config = config;
  }

  @PreDestroy
  void close() {
    http.close();
  }

  /** The file at {@code location}, if it was read or written here before. */
  TableMetadata cached(String location) {
    return read.getIfPresent(location);
  }

  TableMetadata read(AwsCredentials credentials, String location) {
    TableMetadata known = read.getIfPresent(location);
    if (known != null) {
      return known;
    }
    S3Location at = S3Location.parse(location);
    try (S3Client s3 = client(credentials)) {
      String json = s3.getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.prefix())).asUtf8String();
      TableMetadata metadata = TableMetadataParser.fromJson(location, json);
      read.put(location, metadata);
      return metadata;
    } catch (SdkException e) {
      throw failed("read", location, e);
    }
  }

  /** Writes {@code metadata} at {@code location} and returns it as read back from there. */
  TableMetadata write(AwsCredentials credentials, String location, TableMetadata metadata) {
    String json = TableMetadataParser.toJson(metadata);
    S3Location at = S3Location.parse(location);
    try (S3Client s3 = client(credentials)) {
      s3.putObject(b -> b.bucket(at.bucket()).key(at.prefix()).contentType("application/json"),
          RequestBody.fromBytes(json.getBytes(StandardCharsets.UTF_8)));
    } catch (SdkException e) {
      throw failed("write", location, e);
    }
    TableMetadata written = TableMetadataParser.fromJson(location, json);
    read.put(location, written);
    return written;
  }

  /** Deletes every object under {@code location} (a table's purge); failures are logged, not raised. */
  void deleteUnder(AwsCredentials credentials, String location) {
    S3Location at = S3Location.parse(location);
    String prefix = at.prefix().endsWith("/") ? at.prefix() : at.prefix() + "/";
    try (S3Client s3 = client(credentials)) {
      // One DeleteObject per key: credentials scoped to a prefix may not allow the bucket-level multi-delete.
      for (var page : s3.listObjectsV2Paginator(b -> b.bucket(at.bucket()).prefix(prefix))) {
        for (var object : page.contents()) {
          s3.deleteObject(b -> b.bucket(at.bucket()).key(object.key()));
        }
      }
    } catch (SdkException e) {
      LOG.warnf("purging %s failed: %s", location, e.getMessage());
    }
  }

  private S3Client client(AwsCredentials c) {
    var builder = S3Client.builder()
        .region(Region.of(config.s3().region()))
        .forcePathStyle(config.s3().pathStyleAccess())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
        .httpClient(http);
    config.s3().endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static GatehouseException failed(String what, String location, SdkException e) {
    LOG.warnf("could not %s Iceberg metadata file %s: %s", what, location, e.getMessage());
    String status = e instanceof S3Exception s3 ? " (S3 answered " + s3.statusCode() + ")" : "";
    return new GatehouseException(ErrorCode.UNAVAILABLE, "The catalog could not " + what + " the table's metadata file"
        + status + "; retry later.");
  }
}
