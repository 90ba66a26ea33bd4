package io.gatehouse.server.store;

import static io.gatehouse.server.store.PackagedServers.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.store.PackagedServers.Replica;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two packaged replicas on one PostgreSQL; replica A reaches it through a link that is then cut
 * (packets held, nothing refused, as in a network partition), replica B directly. While cut, A
 * answers every request within its bound (the JDBC socket timeout, 15 s) with 503 and
 * {@code Retry-After}, never hangs, and leaves the load balancer's rotation; B serves on, and a
 * grant made on B meanwhile holds on A as soon as the link is back, as does a revocation.
 */
class PartitionIT {
  private static final String TOKEN = "gat_partition-it-token-abcdefghijklmnopqrstuvwxyz0123";
  private static final String UC = "/api/2.1/unity-catalog";
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void aReplicaCutOffFromTheDatabaseAnswers503InTimeAndCatchesUpWhenTheLinkIsBack() throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "partition-it-");
    int pgPort = PackagedServers.freePort();
    try (EmbeddedPostgres pg = PackagedServers.postgres(dir.resolve("pg"), pgPort);
        FreezableProxy link = new FreezableProxy("127.0.0.1", pgPort)) {
      Map<String, String> direct = Map.of("GATEHOUSE_BOOTSTRAP_ADMIN_TOKEN", TOKEN,
          "GATEHOUSE_DB_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "GATEHOUSE_DB_USERNAME", "postgres");
      Map<String, String> throughLink = Map.of("GATEHOUSE_BOOTSTRAP_ADMIN_TOKEN", TOKEN,
          "GATEHOUSE_DB_URL", "jdbc:postgresql://127.0.0.1:" + link.port() + "/postgres", "GATEHOUSE_DB_USERNAME", "postgres");
      Replica b = PackagedServers.start(dir.resolve("b"), "replica-b", direct);
      Replica a = PackagedServers.start(dir.resolve("a"), "replica-a", throughLink);
      try {
        ok(send("POST", b.url(UC + "/catalogs"), "{\"name\":\"before_cut\"}", TOKEN));
        ok(send("POST", b.url("/api/2.0/scim/v2/ServicePrincipals"),
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal\"],\"applicationId\":\"job-1\"}", TOKEN));
        String jobToken = send("POST", b.url("/api/2.0/token-management/on-behalf-of/tokens"),
            "{\"application_id\":\"job-1\"}", TOKEN).body().replaceAll(".*\"token_value\":\"([^\"]+)\".*", "$1");
        ok(send("POST", b.url(UC + "/catalogs"), "{\"name\":\"granted_while_cut\"}", TOKEN));
        ok(send("GET", a.url(UC + "/catalogs/before_cut"), null, TOKEN));
        assertThat(send("GET", a.url(UC + "/catalogs/granted_while_cut"), null, jobToken).statusCode()).isEqualTo(403);

        link.freeze();
        long cut = System.nanoTime();
        Map<String, Integer> seen = new TreeMap<>();
        boolean leftRotation = false;
        boolean granted = false;
        while (System.nanoTime() - cut < TimeUnit.SECONDS.toNanos(40)) {
          long asked = System.nanoTime();
          HttpResponse<String> r = send("GET", a.url(UC + "/catalogs/before_cut"), null, TOKEN, CLIENT_TIMEOUT);
          long ms = (System.nanoTime() - asked) / 1_000_000;
          seen.merge("A " + r.statusCode(), 1, Integer::sum);
          assertThat(r.statusCode()).as("A while cut off: " + r.body()).isIn(200, 503);
          if (r.statusCode() == 503) {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
          }
          assertThat(ms).as("ms for A to answer while cut off").isLessThan(20_000);
          asked = System.nanoTime();
          HttpResponse<String> listed = send("GET", a.url(UC + "/catalogs"), null, TOKEN, CLIENT_TIMEOUT);
          seen.merge("A list " + listed.statusCode(), 1, Integer::sum);
          assertThat(listed.statusCode()).as("A's list while cut off: " + listed.body()).isIn(200, 503);
          assertThat((System.nanoTime() - asked) / 1_000_000).as("ms for A to list while cut off").isLessThan(20_000);
          leftRotation |= send("GET", a.url("/q/health/ready"), null, null, CLIENT_TIMEOUT).statusCode() == 503;
          ok(send("GET", b.url(UC + "/catalogs/before_cut"), null, TOKEN));
          if (!granted) {
            ok(send("PATCH", b.url(UC + "/permissions/catalog/granted_while_cut"),
                "{\"changes\":[{\"principal\":\"job-1\",\"add\":[\"USE CATALOG\"],\"remove\":[]}]}", TOKEN));
            granted = true;
          }
          Thread.sleep(500);
        }
        System.out.println("Answers of the replica cut off from the database: " + seen);
        assertThat(seen).containsKey("A 503");
        assertThat(leftRotation).as("A's readiness DOWN while cut off").isTrue();

        link.thaw();
        assertThat(waitForStatus(a.url(UC + "/catalogs/granted_while_cut"), jobToken, 200, 60))
            .as("ms until A, back on the database, honours the grant made while it was cut off").isLessThan(60_000);
        assertThat(waitForStatus(a.url("/q/health/ready"), null, 200, 30)).isLessThan(30_000);
        ok(send("PATCH", b.url(UC + "/permissions/catalog/granted_while_cut"),
            "{\"changes\":[{\"principal\":\"job-1\",\"add\":[],\"remove\":[\"USE CATALOG\"]}]}", TOKEN));
        assertThat(waitForStatus(a.url(UC + "/catalogs/granted_while_cut"), jobToken, 403, 5))
            .as("ms until A honours a revocation made on B").isLessThan(1_000);
      } finally {
        link.thaw();
        PackagedServers.stop(a);
        PackagedServers.stop(b);
      }
    }
  }

  private static void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }

  private static long waitForStatus(String url, String bearer, int status, int seconds) throws Exception {
    long start = System.nanoTime();
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
      try {
        if (send("GET", url, null, bearer, CLIENT_TIMEOUT).statusCode() == status) {
          return (System.nanoTime() - start) / 1_000_000;
        }
      } catch (java.io.IOException e) {
        // not answering yet
      }
      Thread.sleep(50);
    }
    return Long.MAX_VALUE;
  }
}
