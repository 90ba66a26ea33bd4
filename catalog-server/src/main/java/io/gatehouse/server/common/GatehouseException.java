package io.gatehouse.server.common;

/** A failure whose message is safe to show to the caller. */
public class GatehouseException extends RuntimeException {
  private final ErrorCode errorCode;
  private final java.util.Map<String, String> metadata;

  public GatehouseException(ErrorCode errorCode, String message) {
    this(errorCode, message, java.util.Map.of());
  }

  /** With metadata for the error body's detail, e.g. the line and column of a SQL error. */
  public GatehouseException(ErrorCode errorCode, String message, java.util.Map<String, String> metadata) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.metadata = java.util.Map.copyOf(metadata);
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
