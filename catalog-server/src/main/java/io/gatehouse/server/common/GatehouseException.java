package io.gatehouse.server.common;

/** A failure whose message is safe to show to the caller. */
public class GatehouseException extends RuntimeException {
  private final ErrorCode errorCode;
  private final java.util.Map<String, String> metadata;
  private final java.time.Duration retryAfter;

  public GatehouseException(ErrorCode errorCode, String message) {
    this(errorCode, message, java.util.Map.of());
  }

  /** With metadata for the error body's detail, e.g. the line and column of a SQL error. */
  public GatehouseException(ErrorCode errorCode, String message, java.util.Map<String, String> metadata) {
    this(errorCode, message, metadata, null);
  }

  private GatehouseException(ErrorCode errorCode, String message, java.util.Map<String, String> metadata,
      java.time.Duration retryAfter) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.metadata = java.util.Map.copyOf(metadata);
    this.retryAfter = retryAfter;
  }

  /** A 503 that tells the caller, in a {@code Retry-After} header, when to try again. */
  public static GatehouseException unavailable(String message, java.time.Duration retryAfter) {
    return new GatehouseException(ErrorCode.UNAVAILABLE, message, java.util.Map.of(), retryAfter);
  }

  /** When the caller may retry, if the failure says; null otherwise. */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }

  public java.util.Map<String, String> metadata() {
    return metadata;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public static GatehouseException invalid(String message) {
    return new GatehouseException(ErrorCode.INVALID_ARGUMENT, message);
  }

  public static GatehouseException notFound(String message) {
    return new GatehouseException(ErrorCode.NOT_FOUND, message);
  }

  public static GatehouseException failedPrecondition(String message) {
    return new GatehouseException(ErrorCode.FAILED_PRECONDITION, message);
  }
}
