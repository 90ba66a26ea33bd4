package io.gatehouse.credentials.saml;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Assertion ids already used, each kept until the assertion could no longer be accepted anyway
 * (its NotOnOrAfter plus the clock skew). Bounded by size: an evicted id could be replayed, so
 * size it above the number of assertions one validity window brings.
 */
final class ReplayCache {
  private final Cache<String, Instant> used;
  private final Clock clock;

  ReplayCache(long maximumSize, Clock clock, Ticker ticker) {
    this.clock = clock;
    this.used = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .ticker(ticker)
        .expireAfter(new Expiry<String, Instant>() {
          @Override
          public long expireAfterCreate(String key, Instant until, long currentTime) {
            return Math.max(0, Duration.between(ReplayCache.this.clock.instant(), until).toNanos());
          }

          @Override
          public long expireAfterUpdate(String key, Instant until, long currentTime, long currentDuration) {
            return currentDuration;
          }

          @Override
          public long expireAfterRead(String key, Instant until, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  /** Records {@code id} as used until {@code until}; false if it was used already. */
  boolean firstUse(String id, Instant until) {
    return used.asMap().putIfAbsent(id, until) == null;
  }
}
