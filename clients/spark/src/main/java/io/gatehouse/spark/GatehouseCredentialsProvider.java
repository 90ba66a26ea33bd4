package io.gatehouse.spark;

import io.gatehouse.client.GatehouseException;
import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.TemporaryCredentials;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * S3A's credentials for one governed table ({@code fs.s3a.aws.credentials.provider}), on the driver
 * and on executors: the credentials Gatehouse vended when the table was loaded, renewed by
 * ResolveTable a while before they expire ({@code credentials.renew-before-seconds}). A renewal is
 * a new decision: a reader whose grant was revoked gets none, and a renewal whose filter or masks
 * differ from those the query was planned with fails the query rather than read on under the old
 * policy.
 */
public final class GatehouseCredentialsProvider implements AwsCredentialsProvider {
  /** Renewals made in this JVM (for tests and metrics). */
  public static final AtomicLong RENEWALS = new AtomicLong();

  private final Configuration conf;
  private volatile Vended current;

  private record Vended(AwsSessionCredentials credentials, long expiresAtMillis) {}

  public GatehouseCredentialsProvider(URI uri, Configuration conf) {
    this.conf = conf;
    this.current = new Vended(
        AwsSessionCredentials.create(required(TableOptions.ACCESS_KEY_ID), required(TableOptions.SECRET_ACCESS_KEY),
            required(TableOptions.SESSION_TOKEN)),
        conf.getLong(TableOptions.EXPIRES_AT, 0));
  }

  @Override
  public AwsCredentials resolveCredentials() {
    Vended vended = current;
    if (System.currentTimeMillis() < vended.expiresAtMillis() - conf.getLong(TableOptions.RENEW_BEFORE_MS, 300_000)) {
      return vended.credentials();
    }
    synchronized (this) {
      if (current == vended) {
        current = renew();
      }
      return current.credentials();
    }
  }

  private Vended renew() {
    ResolveTableRequest.Builder request = ResolveTableRequest.newBuilder()
        .setFullName(required(TableOptions.TABLE))
        .setCredentials(CredentialOperation.valueOf(required(TableOptions.OPERATION)));
    String user = conf.get(TableOptions.USER);
    if (user != null) {
      request.setOnBehalfOf(user);
    }
    String view = conf.get(TableOptions.THROUGH_VIEW);
    if (view != null) {
      request.setThroughView(view);
    }
    ResolveTableResponse resolved;
    try {
      resolved = Clients.grpc(required(TableOptions.GRPC_TARGET), required(TableOptions.TOKEN)).resolveTable(request.build());
    } catch (GatehouseException e) {
      throw new SecurityException("Gatehouse refused to renew the credentials of " + conf.get(TableOptions.TABLE) + ": "
          + e.getMessage(), e);
    }
    String planned = conf.get(TableOptions.POLICY);
    if (planned != null && !planned.equals(TablePolicy.of(resolved).fingerprint())) {
      throw new SecurityException("The row filter or column masks of " + conf.get(TableOptions.TABLE)
          + " changed while the query ran; run it again to read under the current policy.");
    }
    TemporaryCredentials c = resolved.getCredentials();
    RENEWALS.incrementAndGet();
    return new Vended(AwsSessionCredentials.create(c.getAccessKeyId(), c.getSecretAccessKey(), c.getSessionToken()),
        c.getExpirationTime());
  }

  private String required(String key) {
    String value = conf.get(key);
    if (value == null) {
      throw new IllegalStateException(key + " is not set: this provider serves tables loaded through GatehouseCatalog");
    }
    return value;
  }

  @Override
  public String toString() {
    return "GatehouseCredentialsProvider[" + conf.get(TableOptions.TABLE) + "]";
  }
}
