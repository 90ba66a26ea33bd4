package io.gatehouse.server.catalog;

import static io.gatehouse.server.catalog.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Creations racing over real HTTP and PostgreSQL transactions: the database decides once. */
@QuarkusTest
class ConcurrentCreationTest {
  private static final int RACERS = 8;

  private static List<Integer> race(IntFunction<Integer> attempt) throws Exception {
    CyclicBarrier start = new CyclicBarrier(RACERS);
    ExecutorService pool = Executors.newFixedThreadPool(RACERS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        int racer = i;
        Callable<Integer> call = () -> {
          start.await();
          return attempt.apply(racer);
        };
        results.add(pool.submit(call));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nestedLocationsClaimedAtOnceLeaveExactlyOneTable() throws Exception {
    String[] s = Api.schema().split("\\.");
    String root = "s3://race/" + unique("nested");
    List<Integer> statuses =
        race(i -> Api.post("/tables", TableApiTest.external(s[0], s[1], "t" + i, root + "/d".repeat(i)))
            .extract().statusCode());
    assertThat(statuses).filteredOn(code -> code == 200).hasSize(1);
    assertThat(statuses).filteredOn(code -> code == 400).hasSize(RACERS - 1);
  }

  @Test
  void siblingLocationsClaimedAtOnceAllSucceed() throws Exception {
    String[] s = Api.schema().split("\\.");
    String root = "s3://race/" + unique("siblings");
    List<Integer> statuses =
        race(i -> Api.post("/tables", TableApiTest.external(s[0], s[1], "t" + i, root + "/s" + i))
            .extract().statusCode());
    assertThat(statuses).containsOnly(200);
  }

  @Test
  void oneCatalogNameCreatedAtOnceLeavesOneCatalog() throws Exception {
    String name = unique("racecat");
    List<Integer> statuses =
        race(i -> Api.post("/catalogs", Map.of("name", i % 2 == 0 ? name : name.toUpperCase())).extract().statusCode());
    assertThat(statuses).filteredOn(code -> code == 200).hasSize(1);
    assertThat(statuses).filteredOn(code -> code == 409).hasSize(RACERS - 1);
  }
}
