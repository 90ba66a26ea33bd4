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

  public static ErrorBody of(ErrorCode code, String message, String requestId) {
    Map<String, String> metadata = requestId == null ? null : Map.of("request_id", requestId);
    return new ErrorBody(
        code.name(),
        message,
        List.of(new Detail("google.rpc.ErrorInfo", code.name(), "gatehouse", metadata)));
  }
}
