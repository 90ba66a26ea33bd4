package io.gatehouse.server.authz;

import io.gatehouse.policy.PolicySnapshot;
import jakarta.enterprise.context.RequestScoped;

/**
 * The policy snapshot a request decides against, from its first decision to its last: taken from
 * the policy store when the request first asks, and kept for the rest of the request (a REST
 * call, a gRPC call, a whole SQL script), so that the version a request reports is the version
 * every part of its answer was decided on, however many snapshots the replica swaps in meanwhile.
 */
@RequestScoped
public class RequestSnapshot {
  private final PolicyStore policies;
  private PolicySnapshot pinned;

  RequestSnapshot(PolicyStore policies) {
    this.policies = policies;
  }

  /** The request's snapshot, pinned on first use. */
  public PolicySnapshot get() {
    if (pinned == null) {
      pinned = policies.current();
    }
    return pinned;
  }

  /** The version the request decided on, or -1 when it made no decision. */
  public long versionUsed() {
    return pinned == null ? -1 : pinned.version();
  }
}
