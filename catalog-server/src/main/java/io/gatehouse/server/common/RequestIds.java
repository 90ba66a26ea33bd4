package io.gatehouse.server.common;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, a fresh
 * UUID otherwise. The id is in the log MDC, in the response header, and in every error body.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  /**
   * The routing context's key for the client's address when it differs from the socket's peer (a
   * trusted proxy named it; see network.ClientAddress): what audit records name as the source.
   */
  public static final String CLIENT_ADDRESS_KEY = "gatehouse.clientAddress";

  /** The address {@code routing}'s request comes from: the client a trusted proxy named, else the socket's peer. */
  public static String clientAddress(RoutingContext routing) {
    Object client = routing.get(CLIENT_ADDRESS_KEY);
    if (client != null) {
      return client.toString();
    }
    return routing.request().remoteAddress() == null ? null : routing.request().remoteAddress().host();
  }
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @ServerRequestFilter(preMatching = true)
  public void assign(ContainerRequestContext request, RoutingContext routing) {
    String offered = request.getHeaderString(HEADER);
    String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    request.setProperty(MDC_KEY, id);
    // Kept on the Vert.x request too, where code off the JAX-RS path (audit) finds it.
    routing.put(MDC_KEY, id);
    MDC.put(MDC_KEY, id);
  }

  @ServerResponseFilter
  public void echo(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(MDC_KEY);
    if (id != null) {
      response.getHeaders().putSingle(HEADER, id);
    }
    MDC.remove(MDC_KEY);
  }

  public static String current(ContainerRequestContext request) {
    Object id = request == null ? null : request.getProperty(MDC_KEY);
    if (id != null) {
      return id.toString();
    }
    Object fromMdc = MDC.get(MDC_KEY);
    return fromMdc == null ? UUID.randomUUID().toString() : fromMdc.toString();
  }
}
