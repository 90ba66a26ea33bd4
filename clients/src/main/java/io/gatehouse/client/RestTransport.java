package io.gatehouse.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * JSON over HTTP for every REST call of the client: the bearer token, timeouts, the error body
 * turned into the exception of its code, and retries of GETs.
 */
final class RestTransport {
  /** Reads every shape of the server, and writes only the fields that are set. */
  static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  /** The header an engine names the end user in (the server's authz.OnBehalfHeader). */
  static final String ON_BEHALF_OF = "X-Gatehouse-On-Behalf-Of";

  private final HttpClient http;
  private final URI base;
  private final String authorization;
  private final Duration requestTimeout;
  private final RetryPolicy retry;
  private final String userAgent;
  private final String onBehalfOf;

  RestTransport(URI base, String token, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry,
      String userAgent, String onBehalfOf) {
    // Plain http stays HTTP/1.1: no h2c upgrade dance with the server or a proxy; https negotiates.
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
        .version("https".equals(base.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .build();
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.authorization = token == null ? null : "Bearer " + token;
    this.requestTimeout = requestTimeout;
    this.retry = retry;
    this.userAgent = userAgent;
    this.onBehalfOf = onBehalfOf;
  }

  URI base() {
    return base;
  }

  <T> T get(String path, Map<String, ?> query, Class<T> type) {
    return call("GET", path, query, null, JSON.constructType(type));
  }

  <T> T post(String path, Object body, Class<T> type) {
    return call("POST", path, Map.of(), body, JSON.constructType(type));
  }

  <T> T patch(String path, Object body, Class<T> type) {
    return call("PATCH", path, Map.of(), body, JSON.constructType(type));
  }

  void delete(String path, Map<String, ?> query) {
    call("DELETE", path, query, null, JSON.constructType(JsonNode.class));
  }

  /** One path segment, escaped: names may hold '@', '-' and, in principle, anything else. */
  static String segment(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a name is required");
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private <T> T call(String method, String path, Map<String, ?> query, Object body, JavaType type) {
    HttpRequest request = request(method, path, query, body);
    // Only reads are repeated: a write that timed out may have been applied.
    int attempts = method.equals("GET") ? retry.maxAttempts() : 1;
    for (int attempt = 1; ; attempt++) {
      GatehouseException failure;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 == 2) {
          return read(response, type);
        }
        failure = error(response);
        if (response.statusCode() != 503 && response.statusCode() != 429) {
          throw failure;
        }
      } catch (HttpConnectTimeoutException | ConnectException e) {
        failure = GatehouseException.of(GatehouseException.Details.local(ErrorCode.UNAVAILABLE,
            "Cannot connect to " + base + ": " + describe(e), e));
      } catch (HttpTimeoutException e) {
        throw GatehouseException.of(GatehouseException.Details.local(ErrorCode.DEADLINE_EXCEEDED,
            method + " " + path + " got no answer within " + requestTimeout.toMillis() + " ms.", e));
      } catch (IOException e) {
        failure = GatehouseException.of(GatehouseException.Details.local(ErrorCode.UNAVAILABLE,
            method + " " + base + path + " failed: " + describe(e), e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw GatehouseException.of(GatehouseException.Details.local(ErrorCode.ABORTED, "Interrupted.", e));
      }
      if (attempt >= attempts) {
        throw failure;
      }
      Duration wait = failure.retryAfter() != null ? failure.retryAfter() : retry.backoff(attempt);
      if (wait.compareTo(retry.maxBackoff()) > 0) {
        throw failure;
      }
      sleep(wait);
    }
  }

  private HttpRequest request(String method, String path, Map<String, ?> query, Object body) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    if (query != null) {
      query.forEach((k, v) -> {
        if (v != null) {
          q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8));
        }
      });
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + q))
        .timeout(requestTimeout)
        .header("Accept", "application/json")
        .header("User-Agent", userAgent)
        .header("X-Request-Id", UUID.randomUUID().toString());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (onBehalfOf != null) {
      b.header(ON_BEHALF_OF, onBehalfOf);
    }
    if (body == null) {
      return b.method(method, method.equals("GET") || method.equals("DELETE")
          ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")).build();
    }
    try {
      return b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request body: " + e.getMessage(), e);
    }
  }

  private static <T> T read(HttpResponse<String> response, JavaType type) {
    String text = response.body();
    try {
      return JSON.readValue(text == null || text.isBlank() ? "{}" : text, type);
    } catch (JsonProcessingException e) {
      throw GatehouseException.of(new GatehouseException.Details(ErrorCode.INTERNAL, null,
          "The server's answer could not be read: " + e.getOriginalMessage(), response.statusCode(),
          response.headers().firstValue("X-Request-Id").orElse(null), Map.of(), null, e));
    }
  }

  /** The exception for a non-2xx answer: from the Unity Catalog error body, a SCIM error, or the status alone. */
  static GatehouseException error(HttpResponse<String> response) {
    int status = response.statusCode();
    String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
    Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
    ErrorCode code = ErrorCode.forHttpStatus(status);
    String wireCode = null;
    String message = null;
    Map<String, String> metadata = new LinkedHashMap<>();
    JsonNode json = parse(response.body());
    if (json != null && json.hasNonNull("error_code")) {
      wireCode = json.get("error_code").asText();
      ErrorCode named = ErrorCode.byName(wireCode);
      code = named != null ? named : code;
      message = json.path("message").asText(null);
      JsonNode meta = json.path("details").path(0).path("metadata");
      meta.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
    } else if (json != null && json.has("detail")) {
      // SCIM endpoints (/Me) answer RFC 7644's error shape.
      message = json.path("detail").asText(null);
      if (json.hasNonNull("scimType")) {
        metadata.put("scimType", json.get("scimType").asText());
      }
    } else {
      String body = response.body() == null ? "" : response.body().strip();
      message = "HTTP " + status + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
    }
    if (requestId == null) {
      requestId = metadata.get("request_id");
    }
    return GatehouseException.of(
        new GatehouseException.Details(code, wireCode, message, status, requestId, metadata, retryAfter, null));
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GatehouseException.of(GatehouseException.Details.local(ErrorCode.ABORTED, "Interrupted.", e));
    }
  }

  static Map<String, Object> query(Object... keyValues) {
    Map<String, Object> q = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        q.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return q;
  }
}
