package io.gatehouse.server.authz;

import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Default deny for REST: a request reaches a resource method only if the method performs an
 * {@link Operation} ({@link EndpointOperations}). One without is a defect of the server, refused
 * with 403 whoever calls.
 */
public final class OperationGuard {
  private static final Logger LOG = Logger.getLogger(OperationGuard.class);

  @ServerRequestFilter
  public void requireOperation(ResourceInfo resource) {
    if (resource.getResourceMethod() == null) {
      return; // not matched to a resource method: the 404 or 405 follows
    }
    if (EndpointOperations.of(resource.getResourceClass(), resource.getResourceMethod()).isEmpty()) {
      String endpoint = resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName();
      LOG.warnf("refused a request to %s: no operation is mapped to it", endpoint);
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED,
          "This endpoint performs no known operation and is refused to everyone.");
    }
  }
}
