package io.gatehouse.server.common;

/** A failure whose message is safe to show to the caller. */
public class GatehouseException extends RuntimeException {
  private final ErrorCode errorCode;

  public GatehouseException(ErrorCode errorCode, String message) {
    super(message, null, false, false);
    this.errorCode = errorCode;
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
