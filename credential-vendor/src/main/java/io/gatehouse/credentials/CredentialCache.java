package io.gatehouse.credentials;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Credentials STS issued, shared by every request with the same {@link CacheKey}.
 *
 * <ul>
 *   <li>An entry lives half of the lifetime its credentials had left when they were issued, so
 *       that whoever gets them from the cache still has at least half of it.
 *   <li>Requests that miss the same key at the same time make one STS call: the first registers
 *       an unfinished future for the key and calls STS on its own thread; the others wait for
 *       that future. The credentials enter the cache before the future leaves the in-flight map,
 *       so a later request finds one or the other. A failure is handed to every waiting request
 *       and leaves nothing cached.
 *   <li>Throttled and unreachable STS calls are retried with backoff (the SDK's own retries are
 *       off); after the last attempt they surface as {@link CredentialsUnavailableException}
 *       carrying how long to wait. Refusals are not retried.
 * </ul>
 */
public final class CredentialCache {
  /** Counters since start: requests, answered from the cache, waited for another's call, STS calls. */
  public record Stats(long requests, long hits, long coalesced, long stsCalls, long failures) {}

  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Issued credentials, and the STS calls still out, by key: one future each. */
  private final AsyncCache<CacheKey, IssuedCredentials> cache;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Sleeper sleeper;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong coalesced = new AtomicLong();
  private final AtomicLong stsCalls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  public CredentialCache(long maximumSize, RetryPolicy retry) {
    this(maximumSize, retry, Clock.systemUTC(), Ticker.systemTicker(), d -> Thread.sleep(d.toMillis()));
  }

  CredentialCache(long maximumSize, RetryPolicy retry, Clock clock, Ticker ticker, Sleeper sleeper) {
    this.retry = retry;
    this.clock = clock;
    this.sleeper = sleeper;
    this.cache = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .ticker(ticker)
        .executor(Runnable::run)
        .expireAfter(new HalfRemainingLifetime(clock))
        .buildAsync();
  }

  /** The cached credentials of {@code key}, or those {@code issue} gets from STS. */
  public Lookup get(CacheKey key, Supplier<IssuedCredentials> issue) {
    requests.incrementAndGet();
    CompletableFuture<IssuedCredentials> mine = new CompletableFuture<>();
    CompletableFuture<IssuedCredentials> found = cache.get(key, (k, executor) -> mine);
    if (found != mine) {
      if (found.isDone() && !found.isCompletedExceptionally()) {
        hits.incrementAndGet();
      } else {
        coalesced.incrementAndGet();
      }
      try {
        return new Lookup(found.join(), true);
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      IssuedCredentials issued = callWithRetries(issue);
      mine.complete(issued);
      return new Lookup(issued, false);
    } catch (RuntimeException | Error e) {
      failures.incrementAndGet();
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /** Credentials and whether they came from the cache (or another request's call). */
  public record Lookup(IssuedCredentials credentials, boolean cached) {}

  private IssuedCredentials callWithRetries(Supplier<IssuedCredentials> issue) {
    for (int attempt = 1; ; attempt++) {
      stsCalls.incrementAndGet();
      try {
        return issue.get();
      } catch (StsCallException e) {
        if (!e.retryable()) {
          throw e;
        }
        Duration wait = retry.backoff(attempt);
        Duration asked = e.retryAfter().orElse(Duration.ZERO);
        if (attempt >= retry.maxAttempts() || asked.compareTo(retry.maxBackoff()) > 0) {
          throw new CredentialsUnavailableException(
              "STS is " + (e.kind() == StsCallException.Kind.THROTTLED ? "throttling requests" : "unavailable")
                  + " (" + attempt + " attempt" + (attempt == 1 ? "" : "s") + "): " + e.getMessage(),
              retryAfter(asked, retry.backoff(attempt + 1)), e);
        }
        sleep(asked.compareTo(wait) > 0 ? asked : wait);
      }
    }
  }

  private static Duration retryAfter(Duration asked, Duration backoff) {
    Duration longest = asked.compareTo(backoff) > 0 ? asked : backoff;
    long seconds = Math.max(1, (longest.toMillis() + 999) / 1000);
    return Duration.ofSeconds(seconds);
  }

  private void sleep(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialsUnavailableException("interrupted while waiting to retry STS", Duration.ofSeconds(1), e);
    }
  }

  public Stats stats() {
    return new Stats(requests.get(), hits.get(), coalesced.get(), stsCalls.get(), failures.get());
  }

  /**
   * Entries held now, STS calls still out included (after pending evictions and expirations are
   * carried out).
   */
  public long size() {
    cache.synchronous().cleanUp();
    return cache.synchronous().estimatedSize();
  }

  public void invalidateAll() {
    cache.synchronous().invalidateAll();
  }

  /** An entry expires after half of the lifetime its credentials had left when they arrived. */
  private record HalfRemainingLifetime(Clock clock) implements Expiry<CacheKey, IssuedCredentials> {
    @Override
    public long expireAfterCreate(CacheKey key, IssuedCredentials value, long currentTime) {
      long remaining = Duration.between(clock.instant(), value.expiration()).toNanos();
      return Math.max(0, remaining / 2);
    }

    @Override
    public long expireAfterUpdate(CacheKey key, IssuedCredentials value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(CacheKey key, IssuedCredentials value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
