package io.gatehouse.credentials;

import java.time.Duration;
import java.util.Optional;

/**
 * An STS call that failed, classified by what the caller can do about it: wait and retry
 * (THROTTLED, UNAVAILABLE) or not (REFUSED: access denied, an invalid token, a bad parameter).
 * The message is fit for the client: the action, the role, STS's error code and HTTP status,
 * never a credential, token or assertion, nor STS's or the SDK's own text (which may name the
 * catalog's identity or quote the SDK's credential-provider chain); that text is the
 * {@link #detail()}, for the server's log.
 */
public class StsCallException extends RuntimeException {
  public enum Kind {
    /** STS limited the request rate (Throttling, RequestLimitExceeded, SlowDown, HTTP 429). */
    THROTTLED,
    /** STS answered 5xx or could not be reached. */
    UNAVAILABLE,
    /** STS refused the request; retrying the same request will not help. */
    REFUSED
  }

  private final Kind kind;
  private final String errorCode;
  private final int httpStatus;
  private final Duration retryAfter;
  private final String detail;

  public StsCallException(Kind kind, String errorCode, int httpStatus, Duration retryAfter, String message, Throwable cause) {
    this(kind, errorCode, httpStatus, retryAfter, message, null, cause);
  }

  public StsCallException(Kind kind, String errorCode, int httpStatus, Duration retryAfter, String message,
      String detail, Throwable cause) {
    super(message, cause);
    this.detail = detail;
    this.kind = kind;
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind != Kind.REFUSED;
  }

  /** STS's error code, e.g. {@code AccessDenied}, or null when there was no answer. */
  public String errorCode() {
    return errorCode;
  }

  /** The HTTP status of STS's answer, or 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  /** STS's or the SDK's own words about the failure, for the server's log only; may be null. */
  public String detail() {
    return detail;
  }

  /** How long STS asked callers to wait (its Retry-After header), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
