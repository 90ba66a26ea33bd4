package io.gatehouse.server.common;

/**
 * Every error Gatehouse reports, with the HTTP status it answers on REST and the gRPC status code
 * it answers on gRPC. The name is the {@code error_code} of the Unity Catalog error body.
 */
public enum ErrorCode {
  INVALID_ARGUMENT(400, 3),
  FAILED_PRECONDITION(400, 9),
  UNAUTHENTICATED(401, 16),
  PERMISSION_DENIED(403, 7),
  NOT_FOUND(404, 5),
  METHOD_NOT_ALLOWED(405, 12),
  NOT_ACCEPTABLE(406, 3),
  ALREADY_EXISTS(409, 6),
  CATALOG_ALREADY_EXISTS(409, 6),
  SCHEMA_ALREADY_EXISTS(409, 6),
  TABLE_ALREADY_EXISTS(409, 6),
  ABORTED(409, 10),
  REQUEST_TOO_LARGE(413, 8),
  UNSUPPORTED_MEDIA_TYPE(415, 3),
  RESOURCE_EXHAUSTED(429, 8),
  INTERNAL(500, 13),
  UNIMPLEMENTED(501, 12),
  UNAVAILABLE(503, 14);

  private final int httpStatus;
  private final int grpcCode;

  ErrorCode(int httpStatus, int grpcCode) {
    this.httpStatus = httpStatus;
    this.grpcCode = grpcCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Numeric value of the corresponding {@code io.grpc.Status.Code}. */
  public int grpcCode() {
    return grpcCode;
  }

  /** The code to use for an HTTP status produced outside our own code (routing, content type). */
  public static ErrorCode forHttpStatus(int status) {
    return switch (status) {
      case 401 -> UNAUTHENTICATED;
      case 403 -> PERMISSION_DENIED;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> ALREADY_EXISTS;
      case 413 -> REQUEST_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> RESOURCE_EXHAUSTED;
      case 501 -> UNIMPLEMENTED;
      case 503 -> UNAVAILABLE;
      default -> status >= 500 ? INTERNAL : INVALID_ARGUMENT;
    };
  }
}
