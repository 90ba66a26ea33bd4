package io.gatehouse.server.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The Unity Catalog error body: {@code error_code}, {@code message} and a {@code
 * google.rpc.ErrorInfo} detail. The detail's metadata carries the request id, which is all a
 * client learns about an internal error.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(
    @JsonProperty("error_code") String errorCode, String message, List<Detail> details) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Detail(
      @JsonProperty("@type") String type,
      String reason,
      String domain,
      Map<String, String> metadata) {}

  /** SCIM endpoints answer errors in the SCIM shape (RFC 7644 §3.12). */
  public static final String SCIM_PATH = "/api/2.0/scim/";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ScimError(List<String> schemas, String status, String scimType, String detail) {
    public static ScimError of(int status, String scimType, String detail) {
      return new ScimError(
          List.of("urn:ietf:params:scim:api:messages:2.0:Error"), Integer.toString(status), scimType, detail);
    }

    /** The SCIM error type that corresponds to one of our codes, if any. */
    public static String typeOf(ErrorCode code) {
      return switch (code) {
        case ALREADY_EXISTS, CATALOG_ALREADY_EXISTS, SCHEMA_ALREADY_EXISTS, TABLE_ALREADY_EXISTS -> "uniqueness";
        case INVALID_ARGUMENT -> "invalidValue";
        default -> null;
      };
    }
  }

  /** The Iceberg REST catalog answers errors in its own shape: {@code {"error": {message, type, code}}}. */
  public static final String ICEBERG_PATH = "/api/2.1/unity-catalog/iceberg/";

  /** An error metadata key naming the Iceberg exception type the client should raise (not shown). */
  public static final String ICEBERG_TYPE = "iceberg.type";

  public record IcebergError(Error error) {
    public record Error(String message, String type, int code) {}

    public static IcebergError of(ErrorCode code, String message, String type) {
      return new IcebergError(new Error(message, type != null ? type : typeOf(code), code.httpStatus()));
    }

    /**
     * The exception type of Iceberg's Java client for one of our codes; clients choose by status
     * first and by type where a status has several (404: a table or a namespace).
     */
    public static String typeOf(ErrorCode code) {
      return switch (code) {
        case INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE, REQUEST_TOO_LARGE ->
            "BadRequestException";
        case UNAUTHENTICATED -> "NotAuthorizedException";
        case PERMISSION_DENIED -> "ForbiddenException";
        case NOT_FOUND -> "NotFoundException";
        case ALREADY_EXISTS, CATALOG_ALREADY_EXISTS, SCHEMA_ALREADY_EXISTS, TABLE_ALREADY_EXISTS -> "AlreadyExistsException";
        case ABORTED -> "CommitFailedException";
        case METHOD_NOT_ALLOWED, UNIMPLEMENTED -> "UnsupportedOperationException";
        case RESOURCE_EXHAUSTED -> "TooManyRequestsException";
        case UNAVAILABLE -> "ServiceUnavailableException";
        case INTERNAL -> "ServerErrorException";
      };
    }
  }

  public static ErrorBody of(ErrorCode code, String message, String requestId) {
    return of(code, message, requestId, Map.of());
  }

  /** With further metadata of the error, such as where in a SQL script it lies. */
  public static ErrorBody of(ErrorCode code, String message, String requestId, Map<String, String> more) {
    Map<String, String> metadata = new java.util.LinkedHashMap<>(more);
    if (requestId != null) {
      metadata.put("request_id", requestId);
    }
    metadata = metadata.isEmpty() ? null : metadata;
    return new ErrorBody(
        code.name(),
        message,
        List.of(new Detail("google.rpc.ErrorInfo", code.name(), "gatehouse", metadata)));
  }
}
