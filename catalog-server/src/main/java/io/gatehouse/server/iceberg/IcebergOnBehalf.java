package io.gatehouse.server.iceberg;

import io.gatehouse.server.authz.OnBehalfOf;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.CallerContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An engine acting on behalf of an end user on the Iceberg REST catalog: it authenticates as
 * itself and names the user in {@value #HEADER}; every decision of the request is then the end
 * user's (authz.OnBehalfOf, as gRPC's on_behalf_of), before the endpoint looks at anything. The
 * header must come once, with a name; a caller outside the engines group is refused whatever it
 * names.
 */
public final class IcebergOnBehalf {
  public static final String HEADER = "X-Gatehouse-On-Behalf-Of";

  private final OnBehalfOf onBehalf;
  private final CallerContext caller;

  IcebergOnBehalf(OnBehalfOf onBehalf, CallerContext caller) {
    this.onBehalf = onBehalf;
    this.caller = caller;
  }

  @ServerRequestFilter
  public void actForTheEndUser(HttpHeaders headers, ResourceInfo resource) {
    if (resource.getResourceClass() != IcebergResource.class) {
      return;
    }
    List<String> named = headers.getRequestHeader(HEADER);
    if (named == null || named.isEmpty()) {
      return;
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
      // A 404 would read as NoSuchTable to an Iceberg client: the header is what is wrong.
      if (e.errorCode() == ErrorCode.NOT_FOUND) {
        throw GatehouseException.invalid("Header " + HEADER + " names no principal: " + e.getMessage());
      }
      throw e;
    }
  }
}
