package io.gatehouse.policy;

import java.util.List;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngine;

/**
 * The benchmark's way into the engine's package: every access policy compiled from a set of
 * grants in one Ranger engine, as a plain Ranger integration would hold them, to compare
 * Gatehouse's decision path (one engine per depth, grant lookup) against raw Ranger. It lives in
 * the benchmark, in {@code io.gatehouse.policy} to reach the package's compiler; the engine
 * itself carries nothing for it.
 */
public final class AllInOneRanger {
  private AllInOneRanger() {}

  /** One engine over the access policies that {@link PolicySnapshot#of(long, List)} compiles from {@code grants}. */
  public static RangerPolicyEngine of(long version, List<Grant> grants) {
    GrantIndex index = new GrantIndex(grants, List.of(), List.of());
    return PolicyCompiler.engine(version, PolicyCompiler.compile(index).accessPolicies());
  }
}
