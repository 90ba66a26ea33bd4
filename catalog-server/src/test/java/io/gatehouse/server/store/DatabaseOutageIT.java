package io.gatehouse.server.store;

import static io.gatehouse.server.store.PackagedServers.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.server.store.PackagedServers.Replica;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two packaged replicas on one PostgreSQL, which is stopped for 30 s under load and started
 * again. While it is down every REST answer is a 200 served from memory or a 503 with
 * {@code Retry-After} (never another 5xx, never a hang past the client's 10 s), gRPC answers OK
 * or UNAVAILABLE, readiness is DOWN and liveness UP. Afterwards both replicas recover without a
 * restart: requests succeed, a grant made on one is enforced by the other within a second (its
 * policy listener reconnected), the lineage events accepted before the stop are all in the graph,
 * and each audited change before the stop has exactly one record.
 */
class DatabaseOutageIT {
  private static final String TOKEN = "gat_outage-it-token-abcdefghijklmnopqrstuvwxyz01234567";
  private static final long OUTAGE_SECONDS = 30;
  private static final String UC = "/api/2.1/unity-catalog";

  @Test
  void replicasAnswer503WhileTheDatabaseIsDownAndRecoverWithoutARestart() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "outage-it-");
    int pgPort = PackagedServers.freePort();
    EmbeddedPostgres pg = PackagedServers.postgres(dir.resolve("pg"), pgPort);
    String jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
    Map<String, String> env = Map.of(
        "GATEHOUSE_BOOTSTRAP_ADMIN_TOKEN", TOKEN,
        "GATEHOUSE_DB_URL", jdbc,
        "GATEHOUSE_DB_USERNAME", "postgres");
    Replica a = PackagedServers.start(dir.resolve("a"), "replica-a", env);
    Replica b = PackagedServers.start(dir.resolve("b"), "replica-b", env);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", a.grpcPort()).usePlaintext().build();
    try {
      // Before: a catalog, an engine principal reading it, schemas whose creation is audited, lineage.
      ok(send("POST", a.url(UC + "/catalogs"), "{\"name\":\"outage\"}", TOKEN));
      ok(send("POST", a.url("/api/2.0/scim/v2/ServicePrincipals"),
          "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal\"],\"applicationId\":\"job-1\"}", TOKEN));
      String jobToken = send("POST", a.url("/api/2.0/token-management/on-behalf-of/tokens"),
          "{\"application_id\":\"job-1\"}", TOKEN).body().replaceAll(".*\"token_value\":\"([^\"]+)\".*", "$1");
      ok(send("PATCH", a.url(UC + "/permissions/catalog/outage"),
          "{\"changes\":[{\"principal\":\"job-1\",\"add\":[\"USE CATALOG\"],\"remove\":[]}]}", TOKEN));
      List<String> schemas = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String name = "before_" + i;
        ok(send("POST", (i % 2 == 0 ? a : b).url(UC + "/schemas"), "{\"name\":\"" + name + "\",\"catalog_name\":\"outage\"}", TOKEN));
        schemas.add(name);
      }
      String jobNamespace = "outage-" + UUID.randomUUID();
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> accepted = send("POST", a.url("/api/v1/lineage"), event(jobNamespace, "job-" + i), TOKEN);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
      }

      pg.close();
      long downSince = System.nanoTime();
      Map<String, Integer> seen = new TreeMap<>();
      boolean readyWentDown = false;
      while (System.nanoTime() - downSince < TimeUnit.SECONDS.toNanos(OUTAGE_SECONDS)) {
        for (Replica r : List.of(a, b)) {
          String who = r == a ? "A " : "B ";
          answered(seen, who + "GET catalog as admin", send("GET", r.url(UC + "/catalogs/outage"), null, TOKEN));
          answered(seen, who + "GET catalog as engine", send("GET", r.url(UC + "/catalogs/outage"), null, jobToken));
          answered(seen, who + "list schemas", send("GET", r.url(UC + "/schemas?catalog_name=outage"), null, TOKEN));
          // Answered on the event loop (Vert.x's PostgreSQL client) when the database is up.
          answered(seen, who + "list catalogs as engine", send("GET", r.url(UC + "/catalogs"), null, jobToken));
          HttpResponse<String> create = send("POST", r.url(UC + "/schemas"),
              "{\"name\":\"during_" + UUID.randomUUID().toString().replace('-', '_') + "\",\"catalog_name\":\"outage\"}", TOKEN);
          answered(seen, who + "create schema", create);
          assertThat(create.statusCode()).as("a write while the database is down").isEqualTo(503);
          answered(seen, who + "lineage event", send("POST", r.url("/api/v1/lineage"), event(jobNamespace, "during"), TOKEN));
          assertThat(send("GET", r.url("/q/health/live"), null, null).statusCode()).as("liveness").isEqualTo(200);
          readyWentDown |= send("GET", r.url("/q/health/ready"), null, null).statusCode() == 503;
        }
        grpcAnswered(seen, channel, jobToken);
        Thread.sleep(300);
      }
      System.out.println("Answers while the database was down: " + seen);
      assertThat(readyWentDown).as("readiness DOWN while the database is down").isTrue();
      assertThat(seen).as("answers seen while the database was down").containsKey("A create schema 503");

      pg = PackagedServers.postgres(dir.resolve("pg"), pgPort);
      for (Replica r : List.of(a, b)) {
        assertThat(waitForStatus(r.url(UC + "/catalogs/outage"), TOKEN, 200, 60)).as("recovery").isLessThan(60_000);
        assertThat(waitForStatus(r.url(UC + "/catalogs"), jobToken, 200, 30)).as("recovery of the event loop's reads")
            .isLessThan(30_000);
        ok(send("POST", r.url(UC + "/schemas"), "{\"name\":\"after_" + r.httpPort() + "\",\"catalog_name\":\"outage\"}", TOKEN));
        assertThat(waitForStatus(r.url("/q/health/ready"), null, 200, 30)).as("ready again").isLessThan(30_000);
      }

      // B's policy listener reconnected: a grant made on A after the outage holds on B within a second.
      ok(send("POST", a.url(UC + "/catalogs"), "{\"name\":\"after_outage\"}", TOKEN));
      assertThat(send("GET", b.url(UC + "/catalogs/after_outage"), null, jobToken).statusCode()).isEqualTo(403);
      ok(send("PATCH", a.url(UC + "/permissions/catalog/after_outage"),
          "{\"changes\":[{\"principal\":\"job-1\",\"add\":[\"USE CATALOG\"],\"remove\":[]}]}", TOKEN));
      assertThat(waitForStatus(b.url(UC + "/catalogs/after_outage"), jobToken, 200, 5)).isLessThan(1_000);

      // Every lineage event accepted before the stop is in the graph.
      for (int i = 0; i < 20; i++) {
        String job = a.url("/api/gatehouse/v1/lineage/graph?job_namespace=" + jobNamespace + "&job_name=job-" + i);
        assertThat(waitForStatus(job, TOKEN, 200, 30)).as("job-" + i + " projected").isLessThan(30_000);
      }

      // The schemas created before the stop and after the start each have their one record (a
      // creation is audited as a decision on the catalog); the refused ones during the outage none.
      try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
          ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM audit_log"
              + " WHERE action = 'CREATE_SCHEMA' AND result = 'ALLOWED' AND securable_name = 'outage'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("CREATE_SCHEMA records").isEqualTo(schemas.size() + 2);
      }
    } finally {
      channel.shutdownNow();
      PackagedServers.stop(a);
      PackagedServers.stop(b);
      pg.close();
    }
  }

  /** A REST answer during the outage: a 200 from memory, or a 503 that says when to retry. */
  private static void answered(Map<String, Integer> seen, String what, HttpResponse<String> r) {
    seen.merge(what + " " + r.statusCode(), 1, Integer::sum);
    assertThat(r.statusCode()).as(what + ": " + r.body()).isIn(200, 201, 503);
    if (r.statusCode() == 503) {
      assertThat(r.headers().firstValue("Retry-After")).as(what + " Retry-After").isPresent();
      assertThat(r.body()).as(what).contains("UNAVAILABLE").doesNotContain("SQL").doesNotContain("Exception")
          .doesNotContain("org.");
    }
  }

  private static void grpcAnswered(Map<String, Integer> seen, ManagedChannel channel, String token) {
    Metadata bearer = new Metadata();
    bearer.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    try {
      AuthorizationServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .authorize(AuthorizeRequest.newBuilder().addChecks(Check.newBuilder()
              .setSecurable(SecurableRef.newBuilder().setType(SecurableType.CATALOG).setFullName("outage"))
              .setPrivilege(Privilege.USE_CATALOG)).build());
      seen.merge("A gRPC authorize OK", 1, Integer::sum);
    } catch (StatusRuntimeException e) {
      seen.merge("A gRPC authorize " + e.getStatus().getCode(), 1, Integer::sum);
      assertThat(e.getStatus().getCode()).as("gRPC during the outage: " + e.getStatus()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  private static void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }

  private static String event(String namespace, String job) {
    return """
        {"eventType":"COMPLETE","eventTime":"2026-12-01T00:00:00Z","producer":"https://example.com/outage-it",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/definitions/RunEvent",
         "run":{"runId":"%s"},"job":{"namespace":"%s","name":"%s"},
         "inputs":[{"namespace":"s3://in","name":"raw/%s"}],"outputs":[{"namespace":"s3://out","name":"clean/%s"}]}
        """.formatted(UUID.randomUUID(), namespace, job, job, job);
  }

  /** Milliseconds until {@code url} answers {@code status}, polling every 100 ms up to {@code seconds}. */
  private static long waitForStatus(String url, String bearer, int status, int seconds) throws Exception {
    long start = System.nanoTime();
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
      try {
        if (send("GET", url, null, bearer, Duration.ofSeconds(10)).statusCode() == status) {
          return (System.nanoTime() - start) / 1_000_000;
        }
      } catch (java.io.IOException e) {
        // not answering yet
      }
      Thread.sleep(100);
    }
    return Long.MAX_VALUE;
  }
}
