package io.gatehouse.credentials;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * {@link StsGateway} over the AWS SDK v2 STS client and Apache HttpClient 5. The SDK's own
 * retries are off: {@link CredentialCache} retries throttled calls itself, once per cache key
 * rather than once per waiting request. AssumeRoleWithWebIdentity and AssumeRoleWithSAML are
 * unsigned calls and may go to their own endpoint.
 */
public final class AwsStsGateway implements StsGateway, AutoCloseable {
  private static final Set<String> THROTTLING_CODES =
      Set.of("Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "SlowDown",
          "TooManyRequestsException", "RequestThrottled", "RequestThrottledException");

  /**
   * Where STS is and who the catalog is. {@code endpoint} empty means the region's public STS
   * endpoint; {@code accessKeyId} empty means the SDK's default credential chain (environment,
   * profile, instance or container role); {@code samlEndpoint} empty means {@code endpoint}.
   */
  public record Settings(
      Optional<URI> endpoint,
      Optional<URI> samlEndpoint,
      String region,
      Optional<String> accessKeyId,
      Optional<String> secretAccessKey,
      Duration timeout) {}

  private static final Pattern BARE_ERROR_CODE = Pattern.compile("<Error>\\s*<Code>([A-Za-z][A-Za-z0-9.]{0,63})</Code>");

  private final StsClient signed;
  private final StsClient unsigned;
  private final StsClient saml;

  public AwsStsGateway(Settings settings) {
    AwsCredentialsProvider credentials = settings.accessKeyId()
        .<AwsCredentialsProvider>map(id -> StaticCredentialsProvider.create(AwsBasicCredentials.create(id,
            settings.secretAccessKey().orElseThrow(() -> new IllegalArgumentException(
                "an STS access key id needs its secret access key")))))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    this.signed = client(settings, settings.endpoint(), credentials);
    this.unsigned = client(settings, settings.endpoint(), AnonymousCredentialsProvider.create());
    this.saml = client(settings, settings.samlEndpoint().or(settings::endpoint), AnonymousCredentialsProvider.create());
  }

  private static StsClient client(Settings settings, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
    StsClientBuilder builder = StsClient.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .httpClient(Apache5HttpClient.builder()
            .connectionTimeout(settings.timeout())
            .socketTimeout(settings.timeout())
            .build())
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(settings.timeout())
            .build());
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  @Override
  public IssuedCredentials assumeRole(StsCall.AssumeRole call) {
    return assumeRole(call, (IssuedCredentials) null);
  }

  @Override
  public IssuedCredentials assumeRole(StsCall.AssumeRole call, IssuedCredentials as) {
    List<Tag> tags = new ArrayList<>();
    for (Map.Entry<String, String> tag : call.tags().entrySet()) {
      tags.add(Tag.builder().key(tag.getKey()).value(tag.getValue()).build());
    }
    AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
        .roleArn(call.roleArn())
        .roleSessionName(call.sessionName())
        .policy(call.policy())
        .durationSeconds((int) call.duration().toSeconds());
    if (call.sourceIdentity() != null) {
      request.sourceIdentity(call.sourceIdentity());
    }
    if (call.externalId() != null) {
      request.externalId(call.externalId());
    }
    if (!tags.isEmpty()) {
      request.tags(tags);
    }
    if (as != null) {
      // Role chaining: the same client, signed with the first role's session for this call only.
      request.overrideConfiguration(o -> o.credentialsProvider(StaticCredentialsProvider.create(
          AwsSessionCredentials.create(as.accessKeyId(), as.secretAccessKey(), as.sessionToken()))));
    }
    try {
      var response = signed.assumeRole(request.build());
      return issued(response.credentials(), response.assumedRoleUser());
    } catch (SdkException e) {
      throw translate("AssumeRole", call.roleArn(), e);
    }
  }

  @Override
  public IssuedCredentials assumeRoleWithWebIdentity(StsCall.AssumeRoleWithWebIdentity call) {
    try {
      var response = unsigned.assumeRoleWithWebIdentity(AssumeRoleWithWebIdentityRequest.builder()
          .roleArn(call.roleArn())
          .roleSessionName(call.sessionName())
          .webIdentityToken(call.webIdentityToken())
          .policy(call.policy())
          .durationSeconds((int) call.duration().toSeconds())
          .build());
      return issued(response.credentials(), response.assumedRoleUser());
    } catch (SdkException e) {
      throw translate("AssumeRoleWithWebIdentity", call.roleArn(), e);
    }
  }

  @Override
  public IssuedCredentials assumeRoleWithSaml(StsCall.AssumeRoleWithSaml call) {
    try {
      var response = saml.assumeRoleWithSAML(AssumeRoleWithSamlRequest.builder()
          .roleArn(call.roleArn())
          .principalArn(call.principalArn())
          .samlAssertion(call.samlAssertion())
          .policy(call.policy())
          .durationSeconds((int) call.duration().toSeconds())
          .build());
      return issued(response.credentials(), response.assumedRoleUser());
    } catch (SdkException e) {
      throw translate("AssumeRoleWithSAML", call.roleArn(), e);
    }
  }

  private static IssuedCredentials issued(Credentials c, AssumedRoleUser user) {
    if (c == null || c.accessKeyId() == null || c.secretAccessKey() == null || c.expiration() == null) {
      throw new StsCallException(StsCallException.Kind.UNAVAILABLE, null, 200, null,
          "STS answered without complete credentials", null, null);
    }
    return new IssuedCredentials(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration(),
        user == null ? null : user.arn());
  }

  static StsCallException translate(String action, String roleArn, SdkException e) {
    if (e instanceof AwsServiceException service) {
      int status = service.statusCode();
      String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      if (code == null && service.awsErrorDetails() != null && service.awsErrorDetails().rawResponse() != null) {
        code = bareErrorCode(service.awsErrorDetails().rawResponse().asUtf8String());
      }
      String message = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
      Duration retryAfter = service.awsErrorDetails() == null || service.awsErrorDetails().sdkHttpResponse() == null
          ? null
          : service.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")
              .flatMap(AwsStsGateway::seconds).orElse(null);
      StsCallException.Kind kind;
      if (service.isThrottlingException() || status == 429 || (code != null && THROTTLING_CODES.contains(code))) {
        kind = StsCallException.Kind.THROTTLED;
      } else if (status >= 500) {
        kind = StsCallException.Kind.UNAVAILABLE;
      } else {
        kind = StsCallException.Kind.REFUSED;
      }
      // The client learns the action, the role, STS's code and status; STS's own message (which
      // may name the catalog's identity) goes to the server log only, through the detail.
      return new StsCallException(kind, code, status, retryAfter,
          action + " of " + roleArn + " failed: " + (code == null ? "" : code + ", ") + "HTTP " + status,
          message == null || message.isBlank() ? null : clip(message), e);
    }
    // No answer: the SDK's message may quote its credential-provider chain, proxies or hosts.
    String reason = e instanceof SdkClientException ? "no answer from STS" : "the STS call failed";
    return new StsCallException(StsCallException.Kind.UNAVAILABLE, null, 0, null,
        action + " of " + roleArn + " failed: " + reason, e.getMessage() == null ? null : clip(e.getMessage()), e);
  }

  /**
   * The code of an error body without the query protocol's ErrorResponse wrapper, which the SDK
   * does not read: Ceph radosgw answers {@code <Error><Code>AccessDenied</Code>...}.
   */
  static String bareErrorCode(String body) {
    Matcher m = BARE_ERROR_CODE.matcher(body);
    return m.find() ? m.group(1) : null;
  }

  private static Optional<Duration> seconds(String header) {
    try {
      long s = Long.parseLong(header.trim());
      return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String clip(String s) {
    String oneLine = s.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  @Override
  public void close() {
    signed.close();
    unsigned.close();
    saml.close();
  }
}
