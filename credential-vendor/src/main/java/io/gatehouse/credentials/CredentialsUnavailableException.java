package io.gatehouse.credentials;

import java.time.Duration;

/**
 * STS stayed throttled or unreachable through every retry: the request may succeed later. The
 * server answers it with 503 and a {@code Retry-After} of {@link #retryAfter()}.
 */
public class CredentialsUnavailableException extends RuntimeException {
  private final Duration retryAfter;

  public CredentialsUnavailableException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
