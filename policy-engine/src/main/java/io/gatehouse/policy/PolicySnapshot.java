package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItem;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItemAccess;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyResource;
import org.apache.ranger.plugin.policyengine.RangerAccessRequestImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResourceImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResult;
import org.apache.ranger.plugin.policyengine.RangerPluginContext;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngine;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineImpl;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineOptions;
import org.apache.ranger.plugin.util.ServicePolicies;

/**
 * An immutable, versioned set of grants compiled into Apache Ranger policies, with the Ranger
 * engine that decides over them. Evaluation never touches a database: a grant change builds a
 * new snapshot, which replaces this one.
 *
 * <p>A grant on a securable becomes one Ranger policy for the securable itself and one for each
 * hierarchy below it, with {@code *} at the lower levels: that is how a grant on a catalog
 * reaches every current and future schema, table, volume, function and model in it. ALL
 * PRIVILEGES becomes every access type but MANAGE.
 */
public final class PolicySnapshot {
  private final long version;
  private final RangerPolicyEngine engine;
  /** Ranger policy id to the securable whose grants it was compiled from. */
  private final Map<Long, Securable> securableOfPolicy;
  /** Principal name to its grants, for listings and explanations. */
  private final Map<String, List<Grant>> grantsByPrincipal;
  /** Securable to the grants made directly on it. */
  private final Map<Securable, List<Grant>> grantsBySecurable;

  private PolicySnapshot(long version, List<Grant> grants) {
    this.version = version;
    List<Grant> all = List.copyOf(grants);
    // One Ranger policy per granted securable and hierarchy below it, with one item per grantee:
    // Ranger scans candidate policies, so fewer, fuller policies decide faster than one per grant.
    Map<Securable, List<Grant>> bySecurable = indexBySecurable(all);
    Map<Long, Securable> byPolicy = new HashMap<>();
    List<RangerPolicy> policies = new ArrayList<>();
    long id = 1;
    for (Map.Entry<Securable, List<Grant>> entry : bySecurable.entrySet()) {
      for (Scope scope : scopesFor(entry.getKey(), entry.getValue())) {
        policies.add(policy(id, scope));
        byPolicy.put(id, entry.getKey());
        id++;
      }
    }
    this.securableOfPolicy = Map.copyOf(byPolicy);
    this.grantsByPrincipal = indexByPrincipal(all);
    this.grantsBySecurable = bySecurable;
    this.engine = engine(version, policies);
  }

  public static PolicySnapshot of(long version, List<Grant> grants) {
    return new PolicySnapshot(version, grants);
  }

  public static PolicySnapshot empty() {
    return new PolicySnapshot(0, List.of());
  }

  public long version() {
    return version;
  }

  /** The Ranger engine of this snapshot: for benchmarks that compare against raw Ranger. */
  public RangerPolicyEngine ranger() {
    return engine;
  }

  /**
   * The grant through which {@code subject} holds {@code privilege} on {@code securable}, directly
   * or inherited from a container, or empty. Ownership and admin rights are not grants: see
   * {@link AccessCheck}.
   */
  public Optional<Grant> grantFor(Subject subject, Privilege privilege, Securable securable) {
    return Optional.ofNullable(grantOrNull(subject, privilege, securable));
  }

  /** {@link #grantFor} without the Optional, for the decision path. */
  Grant grantOrNull(Subject subject, Privilege privilege, Securable securable) {
    RangerAccessResult result = evaluate(subject, privilege.accessType(), securable);
    if (result == null || !result.getIsAllowed()) {
      return null;
    }
    // The matched policy names the securable; the grant is the subject's grant there that gives
    // the privilege.
    for (Grant g : grantsBySecurable.getOrDefault(securableOfPolicy.get(result.getPolicyId()), List.of())) {
      if (subject.is(g.principal()) && gives(g, privilege)) {
        return g;
      }
    }
    return null;
  }

  /**
   * Whether {@code subject} holds any privilege on {@code securable} itself, directly or inherited
   * from a container. Grants on objects below it do not count: Ranger's any-access check would
   * count them, so each privilege that can be held on this kind of object is asked in turn.
   */
  public boolean hasAny(Subject subject, Securable securable) {
    for (Privilege privilege : Privilege.values()) {
      if (privilege != Privilege.ALL_PRIVILEGES
          && (privilege.checkedOn(securable.type()) || privilege.grantableOn(securable.type()))) {
        RangerAccessResult result = evaluate(subject, privilege.accessType(), securable);
        if (result != null && result.getIsAllowed()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Grants made directly on {@code securable}. */
  public List<Grant> grantsOn(Securable securable) {
    return grantsBySecurable.getOrDefault(securable, List.of());
  }

  /** Grants on {@code securable} and on every container above it: what it inherits. */
  public List<Grant> effectiveGrantsOn(Securable securable) {
    List<Grant> result = new ArrayList<>();
    for (Securable s : securable.selfAndAncestors()) {
      result.addAll(grantsOn(s));
    }
    return result;
  }

  /** Every grant to any of {@code names} (a subject's name and groups). */
  public List<Grant> grantsTo(Set<String> names) {
    List<Grant> result = new ArrayList<>();
    for (String name : names) {
      result.addAll(grantsByPrincipal.getOrDefault(Subject.key(name), List.of()));
    }
    return result;
  }

  /** The grants, direct or inherited, through which someone holds {@code privilege} on {@code securable}. */
  public List<Grant> grantsGiving(Privilege privilege, Securable securable) {
    List<Grant> result = new ArrayList<>();
    for (Grant g : effectiveGrantsOn(securable)) {
      if (gives(g, privilege)) {
        result.add(g);
      }
    }
    return result;
  }

  private static boolean gives(Grant g, Privilege privilege) {
    return g.privilege() == privilege || g.privilege() == Privilege.ALL_PRIVILEGES && privilege.impliedByAll();
  }

  private RangerAccessResult evaluate(Subject subject, String accessType, Securable securable) {
    RangerAccessResourceImpl resource = new RangerAccessResourceImpl();
    List<String> names = securable.type().resourcePath();
    for (int i = 0; i < names.size(); i++) {
      resource.setValue(names.get(i), securable.path().get(i));
    }
    RangerAccessRequestImpl request =
        new RangerAccessRequestImpl(resource, accessType, subject.name(), subject.groups(), Collections.emptySet());
    return engine.evaluatePolicies(request, RangerPolicy.POLICY_TYPE_ACCESS, null);
  }

  /** Resources of one Ranger policy, and the access types each grantee holds there. */
  private record Scope(Map<String, RangerPolicyResource> resources, Map<String, List<String>> accessByPrincipal) {}

  /**
   * The policies for the grants on {@code securable}: one on the securable itself with every
   * granted privilege (ALL PRIVILEGES expanded), and one per hierarchy below it, with {@code *}
   * at the lower levels, carrying only the privileges that are checked on that kind of object.
   */
  private static List<Scope> scopesFor(Securable securable, List<Grant> grants) {
    List<Scope> scopes = new ArrayList<>();
    Map<String, RangerPolicyResource> self = new HashMap<>();
    List<String> names = securable.type().resourcePath();
    for (int i = 0; i < names.size(); i++) {
      self.put(names.get(i), new RangerPolicyResource(securable.path().get(i)));
    }
    scopes.add(new Scope(self, access(grants, null)));
    addDescendants(grants, securable.type(), self, scopes);
    return scopes;
  }

  private static void addDescendants(
      List<Grant> grants, SecurableType type, Map<String, RangerPolicyResource> above, List<Scope> out) {
    for (SecurableType child : type.children()) {
      Map<String, RangerPolicyResource> resources = new HashMap<>(above);
      resources.put(child.resourceName(), new RangerPolicyResource("*"));
      Map<String, List<String>> access = access(grants, child);
      if (!access.isEmpty()) {
        out.add(new Scope(resources, access));
      }
      addDescendants(grants, child, resources, out);
    }
  }

  /** Per grantee, the access types its grants give on objects of {@code type} (null: the securable itself). */
  private static Map<String, List<String>> access(List<Grant> grants, SecurableType type) {
    Map<String, List<String>> result = new java.util.LinkedHashMap<>();
    for (Grant g : grants) {
      for (String accessType : accessTypes(g.privilege(), type)) {
        List<String> list = result.computeIfAbsent(g.principal(), k -> new ArrayList<>());
        if (!list.contains(accessType)) {
          list.add(accessType);
        }
      }
    }
    return result;
  }

  /** Access types a grant of {@code privilege} gives on objects of {@code type} (null: its own securable). */
  private static List<String> accessTypes(Privilege privilege, SecurableType type) {
    List<String> result = new ArrayList<>();
    if (privilege == Privilege.ALL_PRIVILEGES) {
      for (Privilege p : Privilege.values()) {
        if (p.impliedByAll() && (type == null || p.checkedOn(type))) {
          result.add(p.accessType());
        }
      }
    } else if (type == null || privilege.checkedOn(type)) {
      result.add(privilege.accessType());
    }
    return result;
  }

  private static RangerPolicy policy(long id, Scope scope) {
    List<RangerPolicyItem> items = new ArrayList<>();
    scope.accessByPrincipal().forEach((principal, accessTypes) -> {
      List<RangerPolicyItemAccess> accesses = new ArrayList<>();
      for (String accessType : accessTypes) {
        accesses.add(new RangerPolicyItemAccess(accessType, true));
      }
      // A grant names one principal; Ranger matches it as a user and as a group, since grantees
      // of either kind share one namespace here.
      items.add(new RangerPolicyItem(accesses, List.of(principal), List.of(principal), null, null, false));
    });
    RangerPolicy policy = new RangerPolicy();
    policy.setId(id);
    policy.setService(GatehouseServiceDef.SERVICE_NAME);
    policy.setName("grants-" + id);
    policy.setPolicyType(RangerPolicy.POLICY_TYPE_ACCESS);
    policy.setIsEnabled(true);
    policy.setIsAuditEnabled(false);
    policy.setResources(scope.resources());
    policy.setPolicyItems(items);
    return policy;
  }

  private static RangerPolicyEngine engine(long version, List<RangerPolicy> policies) {
    ServicePolicies servicePolicies = new ServicePolicies();
    servicePolicies.setServiceName(GatehouseServiceDef.SERVICE_NAME);
    servicePolicies.setServiceDef(GatehouseServiceDef.build());
    servicePolicies.setPolicies(policies);
    servicePolicies.setPolicyVersion(version);
    RangerPolicyEngineOptions options = new RangerPolicyEngineOptions();
    options.disableContextEnrichers = true;
    options.disableCustomConditions = true;
    options.disableTagPolicyEvaluation = true;
    options.disablePolicyRefresher = true;
    options.disableTagRetriever = true;
    options.disableUserStoreRetriever = true;
    options.disableRoleResolution = true;
    options.cacheAuditResults = false;
    RangerPluginConfig config =
        new RangerPluginConfig(
            GatehouseServiceDef.SERVICE_TYPE, GatehouseServiceDef.SERVICE_NAME, "gatehouse", null, null, options);
    return new RangerPolicyEngineImpl(servicePolicies, new RangerPluginContext(config), null);
  }

  private static Map<String, List<Grant>> indexByPrincipal(List<Grant> grants) {
    Map<String, List<Grant>> index = new HashMap<>();
    for (Grant g : grants) {
      index.computeIfAbsent(g.principal(), k -> new ArrayList<>()).add(g);
    }
    return Map.copyOf(index);
  }

  private static Map<Securable, List<Grant>> indexBySecurable(List<Grant> grants) {
    Map<Securable, List<Grant>> index = new HashMap<>();
    for (Grant g : grants) {
      index.computeIfAbsent(g.securable(), k -> new ArrayList<>()).add(g);
    }
    return Map.copyOf(index);
  }
}
