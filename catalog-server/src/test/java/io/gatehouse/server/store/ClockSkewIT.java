package io.gatehouse.server.store;

import static io.gatehouse.server.store.PackagedServers.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.store.PackagedServers.Replica;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two packaged replicas on one PostgreSQL, one of them with its clock 8 s ahead (libfaketime,
 * Debian's {@code faketime}). A token made on the fast replica with a 12 s lifetime is refused by
 * both at the same moment, within the polling interval, not 8 s apart: expiry is set and decided
 * on the database's clock. Grants and the policy version never read a replica's clock.
 */
class ClockSkewIT {
  private static final String TOKEN = "gat_clockskew-it-token-abcdefghijklmnopqrstuvwxyz0123";
  private static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

  @Test
  void replicasEightSecondsApartRefuseAnExpiringTokenAtTheSameMoment() throws Exception {
    assertThat(FAKETIME).as("libfaketime; scripts/install-test-deps installs Debian's faketime").exists();
    Path dir = Files.createTempDirectory(Path.of("target"), "clockskew-it-");
    int pgPort = PackagedServers.freePort();
    try (EmbeddedPostgres pg = PackagedServers.postgres(dir.resolve("pg"), pgPort)) {
      Map<String, String> env = new HashMap<>(Map.of("GATEHOUSE_BOOTSTRAP_ADMIN_TOKEN", TOKEN,
          "GATEHOUSE_DB_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "GATEHOUSE_DB_USERNAME", "postgres"));
      Replica slow = PackagedServers.start(dir.resolve("slow"), "replica-on-time", env);
      Map<String, String> ahead = new HashMap<>(env);
      ahead.put("LD_PRELOAD", FAKETIME.toString());
      ahead.put("FAKETIME", "+8s");
      ahead.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
      Replica fast = PackagedServers.start(dir.resolve("fast"), "replica-ahead", ahead);
      try {
        String made = send("POST", fast.url("/api/2.0/token/create"), "{\"lifetime_seconds\":12,\"comment\":\"skew\"}", TOKEN)
            .body();
        String token = made.replaceAll(".*\"token_value\":\"([^\"]+)\".*", "$1");
        assertThat(token).startsWith("gat_");
        String me = "/api/2.0/scim/v2/Me";
        // Per replica: when the last request that was let in was sent, and the first refused one.
        long[] lastOk = new long[2];
        long[] refused = new long[2];
        Replica[] replicas = {fast, slow};
        long start = System.nanoTime();
        while ((refused[0] == 0 || refused[1] == 0) && System.nanoTime() - start < 40_000_000_000L) {
          for (int i = 0; i < 2; i++) {
            if (refused[i] != 0) {
              continue;
            }
            long sent = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            var answer = send("GET", replicas[i].url(me), null, token);
            if (answer.statusCode() == 200) {
              lastOk[i] = sent;
            } else {
              assertThat(answer.body()).contains("expired");
              refused[i] = sent;
            }
          }
          Thread.sleep(50);
        }
        System.out.println("ms from the token's creation: replica 8 s ahead let it in last at " + lastOk[0] + ", refused from "
            + refused[0] + "; replica on time " + lastOk[1] + ", " + refused[1]);
        assertThat(refused).as("both replicas refuse it in the end").doesNotContain(0L);
        assertThat(refused[0]).as("the replica ahead lets it in for its whole life").isGreaterThan(8_000);
        // One moment of expiry for both: each let it in before the other refused it.
        assertThat(lastOk[0]).as("ahead let in, before on-time refused").isLessThan(refused[1]);
        assertThat(lastOk[1]).as("on-time let in, before ahead refused").isLessThan(refused[0]);
      } finally {
        PackagedServers.stop(fast);
        PackagedServers.stop(slow);
      }
    }
  }
}
