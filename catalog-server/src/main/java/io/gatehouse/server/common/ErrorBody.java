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
