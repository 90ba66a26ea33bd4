package io.gatehouse.server.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Requests that Quarkus would refuse before routing, with an empty body, are refused here first
 * with the standard error body: a URI with a broken percent-escape, a body over the size limit.
 * A compressed body is held to the same limit while it is inflated ({@link InflatedBodyLimit}).
 */
@ApplicationScoped
public class HttpFailures {
  // Runs ahead of Quarkus' own handlers, which sit at route orders just below zero.
  private static final int PRIORITY = 100_000;

  private final long maxBodySize;

  HttpFailures(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
    this.maxBodySize = maxBodySize.asLongValue();
  }

  void install(@Observes Filters filters) {
    filters.register(this::guard, PRIORITY);
  }

  private void guard(RoutingContext ctx) {
    if (!wellEncoded(ctx.request().uri())) {
      refuse(ctx, ErrorCode.INVALID_ARGUMENT, "Malformed request URI: a '%' must start a two-digit hex escape.");
      return;
    }
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && tooLarge(length)) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      refuse(ctx, ErrorCode.REQUEST_TOO_LARGE, "Request body is larger than " + maxBodySize + " bytes.");
      return;
    }
    InflatedBodyLimit.watch(ctx.request(), maxBodySize, () -> inflatedTooLarge(ctx));
    ctx.next();
  }

  // The route never saw the end of the body: the connection closes once the answer is out.
  private void inflatedTooLarge(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    refuse(ctx, ErrorCode.REQUEST_TOO_LARGE, "Request body is larger than " + maxBodySize + " bytes (decompressed).")
        .onComplete(written -> ctx.request().connection().close());
  }

  private boolean tooLarge(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBodySize;
    } catch (NumberFormatException e) {
      return false; // the HTTP codec rejects it
    }
  }

  static boolean wellEncoded(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      if (uri.charAt(i) == '%') {
        if (i + 2 >= uri.length() || !hex(uri.charAt(i + 1)) || !hex(uri.charAt(i + 2))) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  private static io.vertx.core.Future<Void> refuse(RoutingContext ctx, ErrorCode code, String message) {
    String requestId = UUID.randomUUID().toString();
    return ctx.response()
        .setStatusCode(code.httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(RequestIds.HEADER, requestId)
        .end(Json.encode(ErrorBody.of(code, message, requestId)));
  }
}
