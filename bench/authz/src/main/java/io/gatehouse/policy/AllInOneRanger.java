package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItem;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItemAccess;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyResource;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngine;

/**
 * Raw Ranger as a plain integration would hold a set of grants, for the benchmark to compare
 * Gatehouse's decision path against: one engine over the hierarchical service definition, one
 * policy per granted securable (its id path) and one per hierarchy below it ({@code *} at the
 * lower levels), with an item per grantee. It lives in the benchmark, in {@code
 * io.gatehouse.policy} to reach the package's service definition and engine options; the engine
 * itself carries nothing for it.
 */
public final class AllInOneRanger {
  private AllInOneRanger() {}

  /** One engine over the policies a plain integration would compile from {@code grants}. */
  public static RangerPolicyEngine of(long version, List<Grant> grants) {
    Map<Securable, List<Grant>> bySecurable = new LinkedHashMap<>();
    for (Grant g : grants) {
      bySecurable.computeIfAbsent(g.securable(), k -> new ArrayList<>()).add(g);
    }
    List<RangerPolicy> policies = new ArrayList<>();
    for (Map.Entry<Securable, List<Grant>> entry : bySecurable.entrySet()) {
      Securable securable = entry.getKey();
      Map<String, RangerPolicyResource> self = new HashMap<>();
      List<String> names = securable.type().resourcePath();
      for (int i = 0; i < names.size(); i++) {
        self.put(names.get(i), new RangerPolicyResource(securable.path().get(i)));
      }
      policies.add(policy(policies.size() + 1, self, entry.getValue(), null));
      addDescendants(entry.getValue(), securable.type(), self, policies);
    }
    return PolicyCompiler.engine(version, policies);
  }

  private static void addDescendants(
      List<Grant> grants, SecurableType type, Map<String, RangerPolicyResource> above, List<RangerPolicy> out) {
    for (SecurableType child : type.children()) {
      Map<String, RangerPolicyResource> resources = new HashMap<>(above);
      resources.put(child.resourceName(), new RangerPolicyResource("*"));
      RangerPolicy policy = policy(out.size() + 1, resources, grants, child);
      if (!policy.getPolicyItems().isEmpty()) {
        out.add(policy);
      }
      addDescendants(grants, child, resources, out);
    }
  }

  /** The allow items of {@code grants} on objects of {@code type} (null: the granted securable). */
  private static RangerPolicy policy(long id, Map<String, RangerPolicyResource> resources, List<Grant> grants, SecurableType type) {
    Map<String, List<RangerPolicyItemAccess>> byPrincipal = new LinkedHashMap<>();
    for (Grant g : grants) {
      for (Privilege p : Privilege.values()) {
        boolean given = g.privilege() == Privilege.ALL_PRIVILEGES ? p.impliedByAll() : p == g.privilege();
        if (!g.deny() && given && (type == null || p.checkedOn(type))) {
          byPrincipal.computeIfAbsent(g.principal(), k -> new ArrayList<>()).add(new RangerPolicyItemAccess(p.accessType(), true));
        }
      }
    }
    List<RangerPolicyItem> items = new ArrayList<>();
    byPrincipal.forEach((principal, accesses) ->
        items.add(new RangerPolicyItem(accesses, List.of(principal), List.of(principal), null, null, false)));
    RangerPolicy policy = new RangerPolicy();
    policy.setId(id);
    policy.setService(GatehouseServiceDef.SERVICE_NAME);
    policy.setName("plain-" + id);
    policy.setPolicyType(RangerPolicy.POLICY_TYPE_ACCESS);
    policy.setIsEnabled(true);
    policy.setIsAuditEnabled(false);
    policy.setResources(resources);
    policy.setPolicyItems(items);
    return policy;
  }
}
