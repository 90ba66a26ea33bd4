package io.gatehouse.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {
  final FakeTime time = new FakeTime();
  final List<Duration> waits = new ArrayList<>();
  final CredentialCache cache = new CredentialCache(1000, new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2)),
      time, time, waits::add);
  final AtomicInteger calls = new AtomicInteger();

  static CacheKey key(String table) {
    return new CacheKey("CatalogRole", "arn:aws:iam::1:role/data",
        StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake/" + table)), null);
  }

  Supplier<IssuedCredentials> issuing(Duration lifetime) {
    return () -> {
      int n = calls.incrementAndGet();
      return new IssuedCredentials("AKIA" + n, "secret" + n, "token" + n, time.instant().plus(lifetime), null);
    };
  }

  @Test
  void entryLivesHalfOfTheLifetimeItsCredentialsHad() {
    IssuedCredentials first = cache.get(key("t"), issuing(Duration.ofHours(1))).credentials();
    time.advance(Duration.ofMinutes(29));
    assertThat(cache.get(key("t"), issuing(Duration.ofHours(1))).credentials()).isSameAs(first);
    time.advance(Duration.ofMinutes(1).plusSeconds(1));
    CredentialCache.Lookup later = cache.get(key("t"), issuing(Duration.ofHours(1)));
    assertThat(later.cached()).isFalse();
    assertThat(later.credentials().accessKeyId()).isEqualTo("AKIA2");
    assertThat(calls).hasValue(2);
  }

  @Test
  void credentialsWithLittleLifeLeftAreKeptOnlyHalfOfIt() {
    cache.get(key("t"), issuing(Duration.ofMinutes(10)));
    time.advance(Duration.ofMinutes(5).plusSeconds(1));
    cache.get(key("t"), issuing(Duration.ofMinutes(10)));
    assertThat(calls).hasValue(2);
  }

  @Test
  void differentScopesAreDifferentEntries() {
    cache.get(key("a"), issuing(Duration.ofHours(1)));
    cache.get(key("b"), issuing(Duration.ofHours(1)));
    cache.get(key("a"), issuing(Duration.ofHours(1)));
    assertThat(calls).hasValue(2);
    assertThat(cache.stats()).isEqualTo(new CredentialCache.Stats(3, 1, 0, 2, 0));
  }

  @Test
  void hundredConcurrentMissesOfOneKeyMakeOneStsCall() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch allWaiting = new CountDownLatch(100);
    Supplier<IssuedCredentials> slow = () -> {
      try {
        allWaiting.await(5, TimeUnit.SECONDS); // the call is still out while everyone else arrives
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return issuing(Duration.ofHours(1)).get();
    };
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      List<Future<IssuedCredentials>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        results.add(pool.submit(() -> {
          start.await();
          allWaiting.countDown();
          return cache.get(key("hot"), slow).credentials();
        }));
      }
      start.countDown();
      Set<IssuedCredentials> distinct = ConcurrentHashMap.newKeySet();
      for (Future<IssuedCredentials> f : results) {
        distinct.add(f.get(10, TimeUnit.SECONDS));
      }
      assertThat(distinct).hasSize(1);
      assertThat(calls).hasValue(1);
      assertThat(cache.stats().stsCalls()).isEqualTo(1);
      assertThat(cache.stats().hits() + cache.stats().coalesced()).isEqualTo(99);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void failureReachesTheCallerAndIsNotCached() {
    Supplier<IssuedCredentials> refused = () -> {
      calls.incrementAndGet();
      throw new StsCallException(StsCallException.Kind.REFUSED, "AccessDenied", 403, null, "AssumeRole failed: AccessDenied", null);
    };
    assertThatThrownBy(() -> cache.get(key("t"), refused)).isInstanceOf(StsCallException.class);
    assertThat(cache.get(key("t"), issuing(Duration.ofHours(1))).cached()).isFalse();
    assertThat(calls).hasValue(2);
    assertThat(waits).isEmpty();
  }

  @Test
  void throttlingIsRetriedWithGrowingBackoff() {
    Supplier<IssuedCredentials> throttledTwice = () -> {
      if (calls.get() < 2) {
        calls.incrementAndGet();
        throw throttled(null);
      }
      return issuing(Duration.ofHours(1)).get();
    };
    assertThat(cache.get(key("t"), throttledTwice).credentials().accessKeyId()).isEqualTo("AKIA3");
    assertThat(cache.stats().stsCalls()).isEqualTo(3);
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void persistentThrottlingSurfacesAsUnavailableWithRetryAfter() {
    Supplier<IssuedCredentials> alwaysThrottled = () -> {
      calls.incrementAndGet();
      throw throttled(Duration.ofSeconds(1));
    };
    assertThatThrownBy(() -> cache.get(key("t"), alwaysThrottled))
        .isInstanceOfSatisfying(CredentialsUnavailableException.class, e -> {
          assertThat(e.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
          assertThat(e.getMessage()).contains("throttling").contains("4 attempts");
        });
    assertThat(calls).hasValue(4);
    assertThat(waits).hasSize(3).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
  }

  @Test
  void retryAfterBeyondTheLongestBackoffIsNotWaitedFor() {
    Supplier<IssuedCredentials> throttledLong = () -> {
      calls.incrementAndGet();
      throw throttled(Duration.ofSeconds(30));
    };
    assertThatThrownBy(() -> cache.get(key("t"), throttledLong))
        .isInstanceOfSatisfying(CredentialsUnavailableException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
    assertThat(calls).hasValue(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void unreachableStsIsRetriedLikeThrottling() {
    Supplier<IssuedCredentials> down = () -> {
      calls.incrementAndGet();
      throw new StsCallException(StsCallException.Kind.UNAVAILABLE, null, 0, null, "STS could not be reached", null);
    };
    assertThatThrownBy(() -> cache.get(key("t"), down))
        .isInstanceOf(CredentialsUnavailableException.class).hasMessageContaining("unavailable");
    assertThat(calls).hasValue(4);
  }

  private static StsCallException throttled(Duration retryAfter) {
    return new StsCallException(StsCallException.Kind.THROTTLED, "Throttling", 400, retryAfter, "AssumeRole failed: Throttling", null);
  }
}
