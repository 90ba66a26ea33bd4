package io.gatehouse.client;

import java.util.Locale;

/**
 * The server's error codes ({@code error_code} of the REST error body), each with its HTTP status,
 * its gRPC status code and the exception the client throws for it. {@link #DEADLINE_EXCEEDED} is
 * the client's own: a call that ran out of time.
 */
public enum ErrorCode {
  INVALID_ARGUMENT(400, 3, InvalidArgumentException::new),
  FAILED_PRECONDITION(400, 9, FailedPreconditionException::new),
  UNAUTHENTICATED(401, 16, UnauthenticatedException::new),
  PERMISSION_DENIED(403, 7, PermissionDeniedException::new),
  NOT_FOUND(404, 5, NotFoundException::new),
  METHOD_NOT_ALLOWED(405, 12, UnimplementedException::new),
  NOT_ACCEPTABLE(406, 3, InvalidArgumentException::new),
  ALREADY_EXISTS(409, 6, AlreadyExistsException::new),
  CATALOG_ALREADY_EXISTS(409, 6, AlreadyExistsException::new),
  SCHEMA_ALREADY_EXISTS(409, 6, AlreadyExistsException::new),
  TABLE_ALREADY_EXISTS(409, 6, AlreadyExistsException::new),
  ABORTED(409, 10, AbortedException::new),
  REQUEST_TOO_LARGE(413, 8, RequestTooLargeException::new),
  UNSUPPORTED_MEDIA_TYPE(415, 3, InvalidArgumentException::new),
  RESOURCE_EXHAUSTED(429, 8, ResourceExhaustedException::new),
  INTERNAL(500, 13, InternalException::new),
  UNIMPLEMENTED(501, 12, UnimplementedException::new),
  UNAVAILABLE(503, 14, UnavailableException::new),
  DEADLINE_EXCEEDED(504, 4, DeadlineExceededException::new);

  /** Builds the exception of a code; every subclass of {@link GatehouseException} has this constructor. */
  @FunctionalInterface
  interface Factory {
    GatehouseException create(GatehouseException.Details details);
  }

  private final int httpStatus;
  private final int grpcCode;
  private final Factory factory;

  ErrorCode(int httpStatus, int grpcCode, Factory factory) {
    this.httpStatus = httpStatus;
    this.grpcCode = grpcCode;
    this.factory = factory;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The numeric value of the {@code io.grpc.Status.Code} the server answers with. */
  public int grpcCode() {
    return grpcCode;
  }

  GatehouseException exception(GatehouseException.Details details) {
    return factory.create(details);
  }

  /** The code named {@code name} ({@code error_code} of a body), or null when the client does not know it. */
  public static ErrorCode byName(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The code for an HTTP status whose body names none (a proxy's 502, a SCIM error). */
  public static ErrorCode forHttpStatus(int status) {
    return switch (status) {
      case 400 -> INVALID_ARGUMENT;
      case 401 -> UNAUTHENTICATED;
      case 403 -> PERMISSION_DENIED;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409, 412 -> ALREADY_EXISTS;
      case 413 -> REQUEST_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> RESOURCE_EXHAUSTED;
      case 501 -> UNIMPLEMENTED;
      case 502, 503 -> UNAVAILABLE;
      case 504 -> DEADLINE_EXCEEDED;
      default -> status >= 500 ? INTERNAL : INVALID_ARGUMENT;
    };
  }

  /** The code for a gRPC status code (its numeric value), as the server maps its codes onto them. */
  public static ErrorCode forGrpcCode(int code) {
    return switch (code) {
      case 1 -> ABORTED; // CANCELLED
      case 3, 11 -> INVALID_ARGUMENT; // INVALID_ARGUMENT, OUT_OF_RANGE
      case 4 -> DEADLINE_EXCEEDED;
      case 5 -> NOT_FOUND;
      case 6 -> ALREADY_EXISTS;
      case 7 -> PERMISSION_DENIED;
      case 8 -> RESOURCE_EXHAUSTED;
      case 9 -> FAILED_PRECONDITION;
      case 10 -> ABORTED;
      case 12 -> UNIMPLEMENTED;
      case 14 -> UNAVAILABLE;
      case 16 -> UNAUTHENTICATED;
      default -> INTERNAL; // UNKNOWN, INTERNAL, DATA_LOSS
    };
  }
}
