package io.gatehouse.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How idempotent calls are retried: REST GETs (on a connection failure, 503 or 429) and the unary
 * gRPC reads (on UNAVAILABLE). Waits grow from {@code initialBackoff} by {@code multiplier} up to
 * {@code maxBackoff}, with jitter; a server's Retry-After replaces the computed wait, and one longer
 * than {@code maxBackoff} is not waited for: the call fails with it in {@link
 * GatehouseException#retryAfter()}. Calls that change something are never retried.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), 2.0);
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || multiplier < 1.0) {
      throw new IllegalArgumentException("backoffs must not be negative and the multiplier at least 1");
    }
  }

  /** The wait before attempt {@code attempt + 1} (attempts count from 1), jittered to 50-100 %. */
  public Duration backoff(int attempt) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
    long capped = (long) Math.min(millis, maxBackoff.toMillis());
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }
}
