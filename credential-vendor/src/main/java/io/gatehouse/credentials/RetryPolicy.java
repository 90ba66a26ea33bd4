package io.gatehouse.credentials;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a throttled or unreachable STS is tried again: up to {@code
 * maxAttempts} calls, waiting an exponentially growing backoff with jitter between them (half
 * fixed, half random, so that callers throttled together do not come back together), never more
 * than {@code maxBackoff} at a time.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
  }

  /** The wait after the {@code failures}-th failed attempt (1 for the first). */
  Duration backoff(int failures) {
    long ceiling = initialBackoff.toMillis() << Math.min(failures - 1, 20);
    long capped = Math.min(Math.max(ceiling, 0), maxBackoff.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
  }
}
