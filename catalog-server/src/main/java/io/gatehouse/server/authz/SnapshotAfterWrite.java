package io.gatehouse.server.authz;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Lets a client read its own writes from this replica's snapshot: after a REST write succeeds
 * (its transaction has committed by the time the response is filtered), the policy store loads
 * the version that write made before the response goes out, instead of waiting for the
 * notification. Decisions and names are answered from the snapshot (grants, owners, names: see
 * {@link PolicyStore}), so without this a rename, a drop or an owner change would be seen by the
 * caller's next request only after the listener caught up. A write that moved nothing costs one
 * version read and takes no lock; endpoints that never move it ({@link LeavesPoliciesUnchanged}:
 * lineage events) skip even that.
 */
@Provider
public class SnapshotAfterWrite implements ContainerResponseFilter {
  private static final Logger LOG = Logger.getLogger(SnapshotAfterWrite.class);
  private final PolicyStore policies;

  @Context
  ResourceInfo resource;

  SnapshotAfterWrite(PolicyStore policies) {
    this.policies = policies;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String method = request.getMethod();
    boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    if (!read && response.getStatus() < 400 && !leavesPoliciesUnchanged()) {
      try {
        policies.catchUp();
      } catch (RuntimeException e) {
        // The write has committed; the listener loads its version when the database answers.
        LOG.warnf("cannot load the snapshot after a write (%s)", e.getMessage());
      }
    }
  }

  private boolean leavesPoliciesUnchanged() {
    var method = resource.getResourceMethod();
    return method != null && (method.isAnnotationPresent(LeavesPoliciesUnchanged.class)
        || method.getDeclaringClass().isAnnotationPresent(LeavesPoliciesUnchanged.class));
  }
}
