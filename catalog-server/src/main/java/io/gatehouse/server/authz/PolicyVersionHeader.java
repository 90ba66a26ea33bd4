package io.gatehouse.server.authz;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Tells REST callers which policy version their request was decided on, in {@value #HEADER},
 * when it made a decision; as {@code policy_version} does for engines over gRPC.
 */
@Provider
public class PolicyVersionHeader implements ContainerResponseFilter {
  public static final String HEADER = "X-Gatehouse-Policy-Version";

  private final RequestSnapshot snapshot;

  PolicyVersionHeader(RequestSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    long version = snapshot.versionUsed();
    if (version >= 0) {
      response.getHeaders().putSingle(HEADER, Long.toString(version));
    }
  }
}
