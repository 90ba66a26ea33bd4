package io.gatehouse.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A call the server refused or that could not be made. The subclass says which of the server's
 * error codes it was ({@link NotFoundException}, {@link PermissionDeniedException}, ...); {@link
 * #getMessage()} is the server's message and {@link #requestId()} the id to quote when reporting
 * it (the server logs it, and an internal error tells nothing else).
 */
public class GatehouseException extends RuntimeException {
  /** Everything known about one failure; the subclasses are built from it. */
  public record Details(
      ErrorCode code,
      String errorCode,
      String message,
      int httpStatus,
      String requestId,
      Map<String, String> metadata,
      Duration retryAfter,
      Throwable cause) {
    public Details {
      Objects.requireNonNull(code, "code");
      errorCode = errorCode == null ? code.name() : errorCode;
      message = message == null || message.isBlank() ? code.name() : message;
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A failure with no response behind it (a connection refused, a timeout). */
    public static Details local(ErrorCode code, String message, Throwable cause) {
      return new Details(code, code.name(), message, 0, null, Map.of(), null, cause);
    }
  }

  private final transient Details details;

  public GatehouseException(Details details) {
    super(details.message(), details.cause());
    this.details = details;
  }

  /** The exception of the right subclass for {@code details}. */
  public static GatehouseException of(Details details) {
    return details.code().exception(details);
  }

  public ErrorCode code() {
    return details.code();
  }

  /** The {@code error_code} as the server sent it: {@code CATALOG_ALREADY_EXISTS} where {@link #code()} is the same. */
  public String errorCode() {
    return details.errorCode();
  }

  /** The HTTP status of the response; 0 for gRPC calls and for failures without a response. */
  public int httpStatus() {
    return details.httpStatus();
  }

  /** The server's request id (REST) or the call id the client sent (gRPC); null when there was no answer. */
  public String requestId() {
    return details.requestId();
  }

  /** The metadata of the error's {@code google.rpc.ErrorInfo} detail (SQL errors: line, column, ...). */
  public Map<String, String> metadata() {
    return details.metadata();
  }

  /** How long the server asked to wait before trying again (Retry-After), or null. */
  public Duration retryAfter() {
    return details.retryAfter();
  }

  public Details details() {
    return details;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(getClass().getSimpleName()).append(": ").append(errorCode()).append(": ")
        .append(getMessage());
    if (requestId() != null) {
      s.append(" (request id ").append(requestId()).append(')');
    }
    return s.toString();
  }
}
