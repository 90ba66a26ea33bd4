package io.gatehouse.bench.credentials;

import io.gatehouse.credentials.AccessLevel;
import io.gatehouse.credentials.AwsStsGateway;
import io.gatehouse.credentials.CredentialCache;
import io.gatehouse.credentials.CredentialVendor;
import io.gatehouse.credentials.GroupRoleMapping;
import io.gatehouse.credentials.RetryPolicy;
import io.gatehouse.credentials.RoleSource;
import io.gatehouse.credentials.S3Location;
import io.gatehouse.credentials.StorageScope;
import io.gatehouse.credentials.VendRequest;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The credential vendor in process, with its AWS SDK STS gateway calling the test radosgw's real
 * AssumeRole: latency of a cache hit and of a miss, STS calls per 1,000 requests when tables are
 * asked for with Zipf-distributed popularity, and 100 concurrent misses of one key.
 */
public final class VendorBenchmark {
  static final String ROLE = "arn:aws:iam:::role/gatehouse-data";
  static final RoleSource CATALOG_ROLE = new RoleSource.CatalogRole(ROLE, "bench-external-id");
  private static final AtomicLong RUN = new AtomicLong(System.nanoTime());

  private final AwsStsGateway sts;

  VendorBenchmark(AwsStsGateway sts) {
    this.sts = sts;
  }

  public static void main(String[] args) throws Exception {
    AwsStsGateway sts = new AwsStsGateway(new AwsStsGateway.Settings(Optional.of(URI.create(env("CEPH_TEST_ENDPOINT"))),
        Optional.empty(), "us-east-1", Optional.of(env("CEPH_TEST_CATALOG_ACCESS_KEY")),
        Optional.of(env("CEPH_TEST_CATALOG_SECRET_KEY")), Duration.ofSeconds(10)));
    VendorBenchmark bench = new VendorBenchmark(sts);
    System.out.printf("credential vendor against radosgw at %s, %d CPUs, %s%n%n", env("CEPH_TEST_ENDPOINT"),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    bench.missLatency(100, 500);
    bench.hitLatency(200_000, 1_000_000);
    bench.hitThroughput(2, Duration.ofSeconds(5));
    for (double s : new double[] {0.8, 1.0, 1.2}) {
      bench.zipf(1_000, s, 10_000, 1, 10_000, true);
    }
    bench.zipf(1_000, 1.0, 10_000, 1, 100, true);
    bench.zipf(1_000, 1.0, 10_000, 10, 10_000, true);
    bench.zipf(1_000, 1.0, 10_000, 10, 10_000, false);
    bench.stampede(100, 10);
    sts.close();
  }

  CredentialVendor vendor(long cacheSize, boolean perPrincipal) {
    return new CredentialVendor(sts, new CredentialCache(cacheSize, RetryPolicy.DEFAULT), new GroupRoleMapping(Map.of()), null,
        new CredentialVendor.Settings(Duration.ofHours(1), perPrincipal, true, true));
  }

  /** A table's request; tables are distinct across the whole run so that every scenario starts cold. */
  static VendRequest request(String principal, String table) {
    return new VendRequest(principal, CATALOG_ROLE,
        StorageScope.of(AccessLevel.READ, new S3Location("bench-lake", "warehouse/" + table)),
        Map.of("catalog", "bench", "schema", "s", "table", table), null);
  }

  void missLatency(int warmup, int measured) {
    CredentialVendor vendor = vendor(100_000, true);
    String run = "miss" + RUN.incrementAndGet();
    for (int i = 0; i < warmup; i++) {
      vendor.vend(request("alice@example.com", run + "-warm-" + i));
    }
    Latencies latencies = new Latencies(measured);
    for (int i = 0; i < measured; i++) {
      long start = System.nanoTime();
      vendor.vend(request("alice@example.com", run + "-" + i));
      latencies.add(System.nanoTime() - start);
    }
    System.out.printf("miss (policy + AssumeRole on radosgw), 1 thread: %s; STS calls %d%n",
        latencies.summary(), vendor.stats().stsCalls());
  }

  void hitLatency(int warmup, int measured) {
    CredentialVendor vendor = vendor(100_000, true);
    VendRequest hot = request("alice@example.com", "hit" + RUN.incrementAndGet());
    vendor.vend(hot);
    for (int i = 0; i < warmup; i++) {
      vendor.vend(hot);
    }
    Latencies latencies = new Latencies(measured);
    for (int i = 0; i < measured; i++) {
      long start = System.nanoTime();
      vendor.vend(hot);
      latencies.add(System.nanoTime() - start);
    }
    System.out.printf("hit, 1 thread: %s; STS calls %d%n", latencies.summary(), vendor.stats().stsCalls());
  }

  void hitThroughput(int threads, Duration duration) throws Exception {
    CredentialVendor vendor = vendor(100_000, true);
    VendRequest hot = request("alice@example.com", "hitx" + RUN.incrementAndGet());
    vendor.vend(hot);
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long deadline = System.nanoTime() + duration.toNanos();
    for (int t = 0; t < threads; t++) {
      pool.submit(() -> {
        long n = 0;
        while (System.nanoTime() < deadline) {
          vendor.vend(hot);
          n++;
        }
        done.addAndGet(n);
      });
    }
    pool.shutdown();
    pool.awaitTermination(duration.toSeconds() + 10, TimeUnit.SECONDS);
    System.out.printf("hit throughput, %d threads: %.0f vends/s%n", threads, done.get() / (double) duration.toSeconds());
  }

  void zipf(int tables, double s, int requests, int principals, long cacheSize, boolean perPrincipal) {
    CredentialVendor vendor = vendor(cacheSize, perPrincipal);
    String run = "zipf" + RUN.incrementAndGet();
    Zipf zipf = new Zipf(tables, s, 42);
    java.util.Random who = new java.util.Random(7);
    Set<Integer> distinct = new HashSet<>();
    long start = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      int table = zipf.next();
      distinct.add(table);
      vendor.vend(request("user" + who.nextInt(principals) + "@example.com", run + "-t" + table));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    CredentialCache.Stats stats = vendor.stats();
    System.out.printf("zipf s=%.1f over %d tables, %d requests, %d principal(s)%s, cache %d: %d distinct tables,"
            + " %d STS calls = %.1f per 1,000 requests (hit ratio %.1f%%), %.1f s%n",
        s, tables, requests, principals, principals > 1 ? (perPrincipal ? " with per-principal sessions" : " sharing sessions") : "",
        cacheSize, distinct.size(), stats.stsCalls(), stats.stsCalls() * 1000.0 / requests,
        100.0 * (stats.hits() + stats.coalesced()) / requests, seconds);
  }

  void stampede(int threads, int rounds) throws Exception {
    CredentialVendor vendor = vendor(100_000, true);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Latencies allServed = new Latencies(rounds);
    long calls = 0;
    for (int round = 0; round < rounds; round++) {
      VendRequest cold = request("alice@example.com", "stampede" + RUN.incrementAndGet());
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      Future<?>[] futures = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        futures[t] = pool.submit(() -> {
          ready.countDown();
          go.await();
          return vendor.vend(cold);
        });
      }
      ready.await();
      long before = vendor.stats().stsCalls();
      long start = System.nanoTime();
      go.countDown();
      Set<String> keys = new HashSet<>();
      for (Future<?> f : futures) {
        keys.add(((io.gatehouse.credentials.VendedCredentials) f.get()).credentials().accessKeyId());
      }
      allServed.add(System.nanoTime() - start);
      calls += vendor.stats().stsCalls() - before;
      if (keys.size() != 1) {
        throw new IllegalStateException("a stampede got " + keys.size() + " different credentials");
      }
    }
    pool.shutdownNow();
    System.out.printf("%d concurrent misses of one key, %d rounds: %d STS calls in all (%.1f per round);"
        + " time until all %d are served: %s%n", threads, rounds, calls, calls / (double) rounds, threads, allServed.summary());
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null) {
      throw new IllegalStateException(name + " is not set; run bench/credentials/run");
    }
    return value;
  }
}
