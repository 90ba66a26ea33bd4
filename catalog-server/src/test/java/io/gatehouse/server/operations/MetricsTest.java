package io.gatehouse.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.credentials.CredentialVendor;
import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Prometheus metrics on the management interface: no user token, Gatehouse's own figures. */
@QuarkusTest
class MetricsTest {
  @TestHTTPResource(value = "metrics", management = true)
  URL metrics;

  // Built on first use; its meters are registered when it is built.
  @Inject
  CredentialVendor credentials;

  private String scrape() {
    return RestAssured.given().get(metrics).then().statusCode(200).extract().asString();
  }

  /** The value of the sample {@code series} (name and labels as Prometheus prints them), 0 when absent. */
  private static double sample(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void managementPortServesTheMetricsOperatorsAlertOnWithoutAToken() {
    assertThat(metrics.getPort()).isNotEqualTo(RestAssured.port).isNotEqualTo(9000);
    String scrape = scrape();
    assertThat(scrape)
        .containsPattern("(?m)^gatehouse_policy_snapshot_version [1-9]")
        .containsPattern("(?m)^gatehouse_policy_snapshot_age_seconds \\d")
        .containsPattern("(?m)^gatehouse_policy_snapshot_loads_total\\{kind=\"changes\"} \\d")
        .containsPattern("(?m)^gatehouse_policy_snapshot_loads_total\\{kind=\"full\"} [1-9]")
        .contains("gatehouse_audit_records_total{result=\"allowed\"}")
        .contains("gatehouse_audit_records_total{result=\"denied\"}")
        .contains("gatehouse_audit_write_seconds_count", "gatehouse_audit_write_seconds_sum")
        .contains("gatehouse_audit_write_failures_total", "gatehouse_audit_backlog")
        .contains("gatehouse_credentials_requests_total", "gatehouse_credentials_cache_hits_total",
            "gatehouse_credentials_sts_calls_total", "gatehouse_credentials_failures_total")
        .contains("gatehouse_lineage_events_accepted_total", "gatehouse_lineage_projection_pending")
        .contains("agroal_active_count", "agroal_available_count", "agroal_awaiting_count", "agroal_max_used_count")
        .contains("http_server_requests_seconds_count");
    // The snapshot was confirmed by the database within the version check interval.
    assertThat(sample(scrape, "gatehouse_policy_snapshot_age_seconds")).isLessThan(5);
  }

  @Test
  void theApiPortNoLongerServesMetrics() {
    RestAssured.given().get("/q/metrics").then().statusCode(401);
    Api.given().get("/q/metrics").then().statusCode(404);
  }

  @Test
  void decisionsAuditWritesLineageEventsAndGrpcCallsAreCounted() throws InterruptedException {
    String before = scrape();
    Api.get("/catalogs").statusCode(200);
    String email = Identities.email("metrics");
    Identities.user(email);
    Identities.as(TestIssuer.jwt(email)).contentType("application/json").body(Map.of("name", Api.unique("nope")))
        .post("/api/2.1/unity-catalog/catalogs").then().statusCode(403);
    Api.json().body(lineageEvent()).post("/api/v1/lineage").then().statusCode(201);
    authorize(email);

    String after = scrape();
    for (String counter : new String[] {"gatehouse_audit_records_total{result=\"allowed\"}",
        "gatehouse_audit_records_total{result=\"denied\"}", "gatehouse_audit_write_seconds_count",
        "gatehouse_lineage_events_accepted_total"}) {
      assertThat(sample(after, counter)).as(counter).isGreaterThan(sample(before, counter));
    }
    assertThat(after).containsPattern(
        "grpc_server_processing_duration_seconds_count\\{[^}]*method=\"Authorize\"[^}]*statusCode=\"OK\"");
  }

  private static void authorize(String email) throws InterruptedException {
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      AuthorizationServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(TestIssuer.jwt(email)))
          .withDeadlineAfter(20, TimeUnit.SECONDS)
          .authorize(AuthorizeRequest.newBuilder().addChecks(Check.newBuilder()
              .setSecurable(SecurableRef.newBuilder().setType(SecurableType.CATALOG).setFullName("no_such_catalog"))
              .setPrivilege(Privilege.USE_CATALOG)).build());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(m);
      }
    };
  }

  private static String lineageEvent() {
    return """
        {"eventType": "COMPLETE", "eventTime": "2026-03-01T00:00:00Z",
         "run": {"runId": "%s"}, "job": {"namespace": "metrics", "name": "%s"},
         "inputs": [], "outputs": [], "producer": "https://github.com/gatehouse/tests",
         "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
        """.formatted(UUID.randomUUID(), Api.unique("job"));
  }
}
