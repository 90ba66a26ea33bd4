package io.gatehouse.server.credentials;

import static io.gatehouse.server.credentials.LakeWorld.status;
import static io.gatehouse.server.credentials.LakeWorld.tableCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.credentials.CredentialVendor;
import io.gatehouse.credentials.SessionPolicy;
import io.gatehouse.credentials.S3Location;
import io.gatehouse.credentials.StorageScope;
import io.gatehouse.credentials.AccessLevel;
import io.gatehouse.credentials.testing.SamlTestIdp;
import io.gatehouse.credentials.testing.WebIdentityIssuer;
import io.gatehouse.credentials.testing.WireRecorder;
import io.gatehouse.credentials.testing.WireRecorder.Answer;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * OIDC passthrough against radosgw's AssumeRoleWithWebIdentity for real; SAML passthrough with
 * assertions signed here, validated by the server, and the AssumeRoleWithSAML request checked on
 * the wire (radosgw has no AssumeRoleWithSAML); a throttled STS answered with 503 and Retry-After.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class PassthroughCredentialsTest {
  static final String SAML_ROLE = "arn:aws:iam::123456789012:role/saml-readers";
  static LakeWorld lake;
  final WireRecorder samlSts = CredentialTestServers.samlSts();
  final SamlTestIdp idp = CredentialTestServers.samlIdp();

  @Inject
  CredentialVendor vendor;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get();
    samlSts.clear();
    samlSts.answer(r -> Answer.xml(200, WireRecorder.stsCredentials("AssumeRoleWithSAML", "ASIASAMLWIRE", "2030-01-01T00:00:00Z")));
  }

  /** A table under its own external location whose storage credential has {@code mode}; returns its table id. */
  String tableWithMode(String mode, String roleArn, String table) {
    String credential = Storage.credential(roleArn, mode);
    String prefix = Api.unique(mode.toLowerCase().replace('_', '-'));
    Storage.location(lake.url(prefix), credential);
    return lake.table(table, prefix + "/" + table);
  }

  String readerOf(String table, String email) {
    Identities.user(email);
    lake.outsideEngine(email);
    Storage.grant("table", lake.fullName(table), email, "SELECT");
    return email;
  }

  @Test
  void oidcPassthroughExchangesTheCallersTokenAtRadosgw() {
    WebIdentityIssuer issuer = WebIdentityIssuer.get();
    String role = lake.ceph.webIdentityRole(issuer, CredentialTestServers.WEB_IDENTITY_AUDIENCE);
    String t = Api.unique("oidc");
    String id = tableWithMode("OIDC_PASSTHROUGH", role, t);
    String sibling = Api.unique("oidc_sibling");
    lake.table(sibling, "warehouse/" + sibling);
    String email = readerOf(t, Identities.email("oidc"));
    String jwt = issuer.jwt(email, CredentialTestServers.WEB_IDENTITY_AUDIENCE, Duration.ofMinutes(10),
        Map.of("email_verified", true));
    RequestSpecification asOidc = Identities.as(jwt).contentType("application/json").accept("application/json");

    S3Client s3 = lake.s3(tableCredentials(asOidc, id, "READ"));
    String key = tableKey(t);
    assertThat(lake.read(s3, key)).isEqualTo("rows of " + t);
    assertThat(status(() -> lake.read(s3, "warehouse/" + sibling + "/part-0.parquet"))).isEqualTo(403);
    assertThat(status(() -> lake.write(s3, key.replace("part-0", "part-1")))).isEqualTo(403);

    // An access token is no OIDC token: there is nothing to pass through.
    Api.error(tableCredentials(Api.json(), id, "READ"), 400, "FAILED_PRECONDITION")
        .body("message", containsString("OIDC bearer JWT"));
  }

  @Test
  void samlPassthroughValidatesTheAssertionAndCallsAssumeRoleWithSaml() {
    String t = Api.unique("saml");
    String id = tableWithMode("SAML_PASSTHROUGH", SAML_ROLE, t);
    String email = readerOf(t, Identities.email("saml"));
    String response = idp.response(email).role(SAML_ROLE).role("arn:aws:iam::123456789012:role/other").sessionName(email).base64();

    saml(email, id, response).statusCode(200)
        .body("aws_temp_credentials.access_key_id", equalTo("ASIASAMLWIRE"))
        .body("aws_temp_credentials.secret_access_key", equalTo("wire-secret"))
        .body("aws_temp_credentials.session_token", equalTo("wire-session-token"))
        .body("url", equalTo(lake.url(tablePrefix(t))));

    assertThat(samlSts.requests()).singleElement().satisfies(request -> {
      assertThat(request.header("Authorization")).isNull();
      assertThat(request.form())
          .containsEntry("Action", "AssumeRoleWithSAML")
          .containsEntry("RoleArn", SAML_ROLE)
          .containsEntry("PrincipalArn", SamlTestIdp.PROVIDER_ARN)
          .containsEntry("SAMLAssertion", response)
          .containsEntry("DurationSeconds", "3600")
          .containsEntry("Policy", SessionPolicy.of(StorageScope.of(AccessLevel.READ, S3Location.parse(lake.url(tablePrefix(t))))));
    });
  }

  @Test
  void refusedSamlResponsesReachNoSts() {
    String t = Api.unique("samlbad");
    String id = tableWithMode("SAML_PASSTHROUGH", SAML_ROLE, t);
    String email = readerOf(t, Identities.email("samlbad"));
    Map<String, String> cases = new HashMap<>();
    cases.put("tampered", idp.response(email).role(SAML_ROLE).tamper(x -> x.replace("role/saml-readers", "role/saml-admins")).base64());
    cases.put("expired", idp.response(email).role(SAML_ROLE).expiredAgo(Duration.ofMinutes(5)).base64());
    cases.put("wrong audience", idp.response(email).role(SAML_ROLE).audience("https://someone-else.example.com").base64());
    cases.put("someone else's", idp.response("ceo@example.com").role(SAML_ROLE).base64());
    cases.put("unsigned", idp.response(email).role(SAML_ROLE).unsigned().base64());
    cases.forEach((what, response) -> Api.error(saml(email, id, response), 403, "PERMISSION_DENIED")
        .body("message", containsString(what.equals("someone else's") ? "not the caller" : "SAML response refused")));

    String once = idp.response(email).role(SAML_ROLE).base64();
    saml(email, id, once).statusCode(200);
    Api.error(saml(email, id, once), 403, "PERMISSION_DENIED").body("message", containsString("replay"));
    Api.error(saml(email, id, null), 400, "FAILED_PRECONDITION").body("message", containsString("saml_response"));
    assertThat(samlSts.requests()).hasSize(1);
  }

  @Test
  void throttledStsIsRetriedThenAnswered503WithRetryAfter() {
    String t = Api.unique("throttled");
    String id = tableWithMode("SAML_PASSTHROUGH", SAML_ROLE, t);
    String email = readerOf(t, Identities.email("throttled"));
    samlSts.answer(r -> Answer.xml(400, WireRecorder.stsError("Throttling", "Rate exceeded")));
    long stsCalls = vendor.stats().stsCalls();

    Api.error(saml(email, id, idp.response(email).role(SAML_ROLE).base64()), 503, "UNAVAILABLE")
        .header("Retry-After", equalTo("1"))
        .body("message", containsString("throttling"));
    assertThat(samlSts.requests()).hasSize(4); // gatehouse.credentials.retry.max-attempts
    assertThat(vendor.stats().stsCalls() - stsCalls).isEqualTo(4);
  }

  /** The key prefix of {@code table} in the lake's bucket, as the catalog has it. */
  static String tablePrefix(String table) {
    String location = Api.get("/tables/" + lake.fullName(table)).statusCode(200).extract().path("storage_location");
    return location.substring(("s3://" + lake.bucket + "/").length());
  }

  static String tableKey(String table) {
    return tablePrefix(table) + "/part-0.parquet";
  }

  io.restassured.response.ValidatableResponse saml(String email, String tableId, String samlResponse) {
    Map<String, Object> body = new HashMap<>();
    body.put("table_id", tableId);
    body.put("operation", "READ");
    if (samlResponse != null) {
      body.put("saml_response", samlResponse);
    }
    return Storage.as(email).body(body).post(Api.BASE + "/temporary-table-credentials").then();
  }
}
