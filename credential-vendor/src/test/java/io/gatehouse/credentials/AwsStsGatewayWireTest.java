package io.gatehouse.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.credentials.testing.WireRecorder;
import io.gatehouse.credentials.testing.WireRecorder.Answer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The STS requests {@link AwsStsGateway} puts on the wire, and how it reads STS's failures. */
class AwsStsGatewayWireTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/data";
  static final String EXPIRATION = "2030-01-01T00:00:00Z";
  final WireRecorder wire = new WireRecorder();
  /** AssumeRoleWithSAML may have an endpoint of its own. */
  final WireRecorder samlSts = new WireRecorder();
  final AwsStsGateway sts = new AwsStsGateway(new AwsStsGateway.Settings(Optional.of(wire.uri()),
      Optional.of(samlSts.uri()), "us-east-1", Optional.of("AKIDCATALOG"),
      Optional.of("catalog-secret"), Duration.ofSeconds(5)));

  @AfterEach
  void stop() {
    sts.close();
    wire.close();
    samlSts.close();
  }

  @Test
  void assumeRoleIsSignedAndCarriesPolicySessionIdentityExternalIdAndTags() {
    wire.answer(r -> Answer.xml(200, WireRecorder.stsCredentials("AssumeRole", "ASIAWIRE1", EXPIRATION)));
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake/t")));
    IssuedCredentials issued = sts.assumeRole(new StsCall.AssumeRole(ROLE, "alice@example.com", "alice@example.com",
        "ext-42", policy, Duration.ofHours(1), Map.of("gatehouse:table", "main.sales.orders")));

    assertThat(issued.accessKeyId()).isEqualTo("ASIAWIRE1");
    assertThat(issued.secretAccessKey()).isEqualTo("wire-secret");
    assertThat(issued.expiration()).isEqualTo(Instant.parse(EXPIRATION));
    assertThat(issued.assumedRoleArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/wire/session");
    WireRecorder.Recorded request = wire.requests().get(0);
    assertThat(request.path()).isEqualTo("/");
    assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDCATALOG/");
    assertThat(request.form()).containsEntry("Action", "AssumeRole")
        .containsEntry("Version", "2011-06-15")
        .containsEntry("RoleArn", ROLE)
        .containsEntry("RoleSessionName", "alice@example.com")
        .containsEntry("SourceIdentity", "alice@example.com")
        .containsEntry("ExternalId", "ext-42")
        .containsEntry("Policy", policy)
        .containsEntry("DurationSeconds", "3600")
        .containsEntry("Tags.member.1.Key", "gatehouse:table")
        .containsEntry("Tags.member.1.Value", "main.sales.orders");
  }

  @Test
  void aChainedAssumeRoleIsSignedWithTheFirstRolesSession() {
    wire.answer(r -> Answer.xml(200, WireRecorder.stsCredentials("AssumeRole", "ASIADATA", EXPIRATION)));
    IssuedCredentials meta = new IssuedCredentials("ASIAMETA", "meta-secret", "meta-token", Instant.parse(EXPIRATION), null);
    sts.assumeRole(new StsCall.AssumeRole(ROLE, "alice", null, null, "{}", Duration.ofHours(1), Map.of()), meta);
    sts.assumeRole(new StsCall.AssumeRole(ROLE, "bob", null, null, "{}", Duration.ofHours(1), Map.of()));

    assertThat(wire.requests().get(0).header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=ASIAMETA/");
    assertThat(wire.requests().get(0).header("X-Amz-Security-Token")).isEqualTo("meta-token");
    // The catalog's own identity signs every other call of the same client.
    assertThat(wire.requests().get(1).header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDCATALOG/");
    assertThat(wire.requests().get(1).header("X-Amz-Security-Token")).isNull();
  }

  @Test
  void theCodeOfAnErrorBodyWithoutErrorResponseIsRead() {
    // Ceph radosgw answers <Error><Code>...</Code></Error>, which the SDK's query protocol does not read.
    wire.answer(r -> Answer.xml(403, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>"
        + "</Message><RequestId>tx1</RequestId></Error>"));
    assertThatThrownBy(() -> sts.assumeRole(new StsCall.AssumeRole(ROLE, "alice", null, null, "{}", Duration.ofHours(1),
        Map.of())))
        .isInstanceOfSatisfying(StsCallException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("AccessDenied");
          assertThat(e.kind()).isEqualTo(StsCallException.Kind.REFUSED);
          assertThat(e.getMessage()).isEqualTo("AssumeRole of " + ROLE + " failed: AccessDenied, HTTP 403");
        });
  }

  @Test
  void assumeRoleWithSamlIsUnsignedAndSendsTheAssertionAndTheRoleProviderPair() {
    samlSts.answer(r -> Answer.xml(200, WireRecorder.stsCredentials("AssumeRoleWithSAML", "ASIASAML", EXPIRATION)));
    IssuedCredentials issued = sts.assumeRoleWithSaml(new StsCall.AssumeRoleWithSaml(ROLE,
        "arn:aws:iam::123456789012:saml-provider/idp", "PHNhbWxwOlJlc3BvbnNlLz4=", "{\"Version\":\"2012-10-17\"}",
        Duration.ofMinutes(30)));

    assertThat(issued.accessKeyId()).isEqualTo("ASIASAML");
    assertThat(wire.requests()).isEmpty();
    WireRecorder.Recorded request = samlSts.requests().get(0);
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.form()).containsEntry("Action", "AssumeRoleWithSAML")
        .containsEntry("RoleArn", ROLE)
        .containsEntry("PrincipalArn", "arn:aws:iam::123456789012:saml-provider/idp")
        .containsEntry("SAMLAssertion", "PHNhbWxwOlJlc3BvbnNlLz4=")
        .containsEntry("Policy", "{\"Version\":\"2012-10-17\"}")
        .containsEntry("DurationSeconds", "1800");
  }

  @Test
  void assumeRoleWithWebIdentityIsUnsignedAndSendsTheToken() {
    wire.answer(r -> Answer.xml(200, WireRecorder.stsCredentials("AssumeRoleWithWebIdentity", "ASIAWEB", EXPIRATION)));
    sts.assumeRoleWithWebIdentity(new StsCall.AssumeRoleWithWebIdentity(ROLE, "alice", "header.payload.sig", "{}", Duration.ofHours(1)));
    WireRecorder.Recorded request = wire.requests().get(0);
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.form()).containsEntry("Action", "AssumeRoleWithWebIdentity")
        .containsEntry("WebIdentityToken", "header.payload.sig")
        .containsEntry("RoleSessionName", "alice");
  }

  @Test
  void throttlingIsRecognizedWithItsRetryAfter() {
    wire.answer(r -> new Answer(400, WireRecorder.stsError("Throttling", "Rate exceeded"),
        Map.of("Content-Type", "text/xml", "Retry-After", "3")));
    assertThatThrownBy(() -> assumeRole())
        .isInstanceOfSatisfying(StsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(StsCallException.Kind.THROTTLED);
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
          assertThat(e.errorCode()).isEqualTo("Throttling");
        });
    assertThat(wire.requests()).hasSize(1); // the SDK's own retries are off
  }

  @Test
  void serverErrorIsUnavailableAndAccessDeniedIsARefusal() {
    wire.answer(r -> Answer.xml(503, WireRecorder.stsError("ServiceUnavailable", "try later")));
    assertThatThrownBy(this::assumeRole)
        .isInstanceOfSatisfying(StsCallException.class, e -> assertThat(e.kind()).isEqualTo(StsCallException.Kind.UNAVAILABLE));
    wire.answer(r -> Answer.xml(403, WireRecorder.stsError("AccessDenied", "not authorized to perform sts:AssumeRole")));
    assertThatThrownBy(this::assumeRole)
        .isInstanceOfSatisfying(StsCallException.class, e -> {
          assertThat(e.kind()).isEqualTo(StsCallException.Kind.REFUSED);
          assertThat(e.getMessage()).contains("AccessDenied").contains(ROLE).doesNotContain("catalog-secret");
        });
  }

  @Test
  void failuresNameTheRoleCodeAndStatusNeverStsOrSdkInternals() {
    wire.answer(r -> Answer.xml(403, WireRecorder.stsError("AccessDenied",
        "User: arn:aws:iam::123456789012:user/gatehouse-catalog is not authorized to perform: sts:AssumeRole")));
    assertThatThrownBy(this::assumeRole)
        .isInstanceOfSatisfying(StsCallException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("AssumeRole of " + ROLE + " failed: AccessDenied, HTTP 403");
          assertThat(e.detail()).contains("gatehouse-catalog");
        });

    String chain = "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain("
        + "credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(),"
        + " WebIdentityTokenCredentialsProvider(), ProfileCredentialsProvider(profileName=default,"
        + " profileFile=ProfileFile(sections=[])), ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()])";
    StsCallException e = AwsStsGateway.translate("AssumeRole", ROLE,
        software.amazon.awssdk.core.exception.SdkClientException.create(chain));
    assertThat(e.getMessage()).isEqualTo("AssumeRole of " + ROLE + " failed: no answer from STS")
        .doesNotContain("AwsCredentialsProviderChain").doesNotContain("Provider");
    assertThat(e.detail()).contains("AwsCredentialsProviderChain");

    CredentialCache cache = new CredentialCache(10, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)));
    assertThatThrownBy(() -> cache.get(new CacheKey("m", ROLE, StorageScope.nothing(AccessLevel.READ), null), () -> {
      throw e;
    })).isInstanceOfSatisfying(CredentialsUnavailableException.class,
        u -> assertThat(u.getMessage()).contains(ROLE).doesNotContain("AwsCredentialsProviderChain"));
  }

  @Test
  void unreachableStsIsUnavailable() {
    AwsStsGateway nowhere = new AwsStsGateway(new AwsStsGateway.Settings(Optional.of(URI.create("http://127.0.0.1:1")),
        Optional.empty(), "us-east-1", Optional.of("AKID"), Optional.of("secret"), Duration.ofSeconds(2)));
    assertThatThrownBy(() -> nowhere.assumeRole(new StsCall.AssumeRole(ROLE, "s", null, null, "{}", Duration.ofHours(1), Map.of())))
        .isInstanceOfSatisfying(StsCallException.class, e -> assertThat(e.kind()).isEqualTo(StsCallException.Kind.UNAVAILABLE));
  }

  private IssuedCredentials assumeRole() {
    return sts.assumeRole(new StsCall.AssumeRole(ROLE, "s", null, null, "{}", Duration.ofHours(1), Map.of()));
  }
}
