package io.gatehouse.server.authz;

import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.CallerContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An engine acting on behalf of an end user over REST: it authenticates as itself and names the
 * user in {@value #HEADER}; every decision of the request is then the end user's ({@link
 * OnBehalfOf}, as gRPC's on_behalf_of), made before the endpoint looks at anything. Served by the
 * resources marked {@link ActsForEndUsers} (the Unity Catalog and Iceberg REST catalogs, SQL,
 * explain, the lineage graph); any other endpoint refuses the header rather than quietly serving
 * the engine itself. The header must come once, with a name; a caller outside the engines group
 * is refused whatever it names.
 */
public final class OnBehalfHeader {
  public static final String HEADER = "X-Gatehouse-On-Behalf-Of";

  private final OnBehalfOf onBehalf;
  private final CallerContext caller;

  OnBehalfHeader(OnBehalfOf onBehalf, CallerContext caller) {
    this.onBehalf = onBehalf;
    this.caller = caller;
  }

  @ServerRequestFilter
  public void actForTheEndUser(HttpHeaders headers, ResourceInfo resource) {
    List<String> named = headers.getRequestHeader(HEADER);
    if (named == null || named.isEmpty() || resource.getResourceMethod() == null) {
      return;
    }
    if (!resource.getResourceClass().isAnnotationPresent(ActsForEndUsers.class)) {
      throw GatehouseException.invalid("Header " + HEADER + " is not accepted by this endpoint: call it as yourself.");
    }
    if (named.size() > 1) {
      throw GatehouseException.invalid("Header " + HEADER + " may be sent once, naming one end user.");
    }
    String name = named.get(0);
    if (name == null || name.isBlank()) {
      throw GatehouseException.invalid("Header " + HEADER + " must name the end user (a user or service principal).");
    }
    try {
      onBehalf.actFor(caller.caller(), HEADER, name);
    } catch (GatehouseException e) {
      // A 404 would read as a missing catalog object (NoSuchTable to an Iceberg client): the
      // header is what is wrong.
      if (e.errorCode() == ErrorCode.NOT_FOUND) {
        throw GatehouseException.invalid("Header " + HEADER + " names no principal: " + e.getMessage());
      }
      throw e;
    }
  }
}
