package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItem;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItemAccess;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyResource;
import org.apache.ranger.plugin.policyengine.RangerPluginContext;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngine;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineImpl;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineOptions;
import org.apache.ranger.plugin.util.ServicePolicies;

/**
 * Compiles the grants, row filters and column masks of a {@link GrantIndex} into Apache Ranger
 * policies, and builds the embedded Ranger engines that evaluate them.
 *
 * <p>A grant on a securable becomes one Ranger policy for the securable itself and one for each
 * hierarchy below it, with {@code *} at the lower levels: that is how a grant on a catalog
 * reaches every current and future schema, table, volume, function and model in it. ALL
 * PRIVILEGES becomes every access type but MANAGE. Denies become deny items of the same policies,
 * which Ranger lets win over allow items. Each row filter becomes a Ranger row-filter policy on
 * its table and each column mask a data-mask policy on its column.
 */
final class PolicyCompiler {
  /** Ranger's group of every user. */
  private static final String PUBLIC_GROUP = "public";

  private PolicyCompiler() {}

  /**
   * The Ranger policies of one snapshot, numbered from 1: access policies first, then row filters,
   * then masks; each id maps back to what it was compiled from.
   */
  record Compiled(
      List<RangerPolicy> accessPolicies,
      List<RangerPolicy> dataPolicies,
      Map<Long, Securable> securableOfPolicy,
      Map<Long, RowFilter> rowFilterOfPolicy,
      Map<Long, ColumnMask> maskOfPolicy) {}

  static Compiled compile(GrantIndex index) {
    // One Ranger policy per granted securable and hierarchy below it, with one item per grantee:
    // Ranger scans candidate policies, so fewer, fuller policies decide faster than one per grant.
    Map<Long, Securable> byPolicy = new HashMap<>();
    List<RangerPolicy> policies = new ArrayList<>();
    long id = 1;
    for (Map.Entry<Securable, List<Grant>> entry : index.bySecurable().entrySet()) {
      for (Scope scope : scopesFor(entry.getKey(), entry.getValue())) {
        policies.add(policy(id, scope));
        byPolicy.put(id, entry.getKey());
        id++;
      }
    }
    List<RangerPolicy> dataPolicies = new ArrayList<>();
    Map<Long, RowFilter> filters = new HashMap<>();
    for (RowFilter filter : index.rowFilters()) {
      dataPolicies.add(rowFilterPolicy(id, filter));
      filters.put(id++, filter);
    }
    Map<Long, ColumnMask> masksById = new HashMap<>();
    for (ColumnMask mask : index.masks()) {
      dataPolicies.add(maskPolicy(id, mask));
      masksById.put(id++, mask);
    }
    return new Compiled(List.copyOf(policies), dataPolicies,
        Map.copyOf(byPolicy), Map.copyOf(filters), Map.copyOf(masksById));
  }

  /** Resources of one Ranger policy, and the access types each grantee holds, or is denied, there. */
  private record Scope(
      Map<String, RangerPolicyResource> resources,
      Map<String, List<String>> accessByPrincipal,
      Map<String, List<String>> denyByPrincipal) {}

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
    scopes.add(new Scope(self, access(grants, null, false), access(grants, null, true)));
    addDescendants(grants, securable.type(), self, scopes);
    return scopes;
  }

  private static void addDescendants(
      List<Grant> grants, SecurableType type, Map<String, RangerPolicyResource> above, List<Scope> out) {
    for (SecurableType child : type.children()) {
      Map<String, RangerPolicyResource> resources = new HashMap<>(above);
      resources.put(child.resourceName(), new RangerPolicyResource("*"));
      Map<String, List<String>> access = access(grants, child, false);
      Map<String, List<String>> deny = access(grants, child, true);
      if (!access.isEmpty() || !deny.isEmpty()) {
        out.add(new Scope(resources, access, deny));
      }
      addDescendants(grants, child, resources, out);
    }
  }

  /**
   * Per grantee, the access types its grants (or denies) give on objects of {@code type} (null:
   * the securable itself).
   */
  private static Map<String, List<String>> access(List<Grant> grants, SecurableType type, boolean deny) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (Grant g : grants) {
      if (g.deny() != deny) {
        continue;
      }
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
    RangerPolicy policy = basePolicy(id, "grants-", RangerPolicy.POLICY_TYPE_ACCESS, scope.resources());
    policy.setPolicyItems(items(scope.accessByPrincipal()));
    if (!scope.denyByPrincipal().isEmpty()) {
      policy.setDenyPolicyItems(items(scope.denyByPrincipal()));
    }
    return policy;
  }

  private static List<RangerPolicyItem> items(Map<String, List<String>> accessByPrincipal) {
    List<RangerPolicyItem> items = new ArrayList<>();
    accessByPrincipal.forEach((principal, accessTypes) -> {
      List<RangerPolicyItemAccess> accesses = new ArrayList<>();
      for (String accessType : accessTypes) {
        accesses.add(new RangerPolicyItemAccess(accessType, true));
      }
      // A grant names one principal; Ranger matches it as a user and as a group, since grantees
      // of either kind share one namespace here.
      items.add(new RangerPolicyItem(accesses, List.of(principal), List.of(principal), null, null, false));
    });
    return items;
  }

  /**
   * A row filter applies to every reader, as in Databricks: the item names Ranger's {@code public}
   * group, and who is exempt is decided by the function body for the requesting principal.
   */
  private static RangerPolicy rowFilterPolicy(long id, RowFilter filter) {
    RangerPolicy policy = basePolicy(id, "row-filter-", RangerPolicy.POLICY_TYPE_ROWFILTER, tableResources(filter.table()));
    policy.setRowFilterPolicyItems(List.of(new RangerPolicy.RangerRowFilterPolicyItem(
        new RangerPolicy.RangerPolicyItemRowFilterInfo(filter.expression().source()),
        List.of(new RangerPolicyItemAccess(Privilege.SELECT.accessType(), true)),
        null, List.of(PUBLIC_GROUP), null, null, false)));
    return policy;
  }

  private static RangerPolicy maskPolicy(long id, ColumnMask mask) {
    Map<String, RangerPolicyResource> resources = tableResources(mask.table());
    resources.put("column", new RangerPolicyResource(mask.column()));
    RangerPolicy policy = basePolicy(id, "column-mask-", RangerPolicy.POLICY_TYPE_DATAMASK, resources);
    policy.setDataMaskPolicyItems(List.of(new RangerPolicy.RangerDataMaskPolicyItem(
        List.of(new RangerPolicyItemAccess(Privilege.SELECT.accessType(), true)),
        new RangerPolicy.RangerPolicyItemDataMaskInfo(GatehouseServiceDef.MASK_TYPE, null, mask.expression().source()),
        null, List.of(PUBLIC_GROUP), null, null, false)));
    return policy;
  }

  private static Map<String, RangerPolicyResource> tableResources(Securable table) {
    Map<String, RangerPolicyResource> resources = new HashMap<>();
    List<String> names = table.type().resourcePath();
    for (int i = 0; i < names.size(); i++) {
      resources.put(names.get(i), new RangerPolicyResource(table.path().get(i)));
    }
    return resources;
  }

  private static RangerPolicy basePolicy(long id, String prefix, int type, Map<String, RangerPolicyResource> resources) {
    RangerPolicy policy = new RangerPolicy();
    policy.setId(id);
    policy.setService(GatehouseServiceDef.SERVICE_NAME);
    policy.setName(prefix + id);
    policy.setPolicyType(type);
    policy.setIsEnabled(true);
    policy.setIsAuditEnabled(false);
    policy.setResources(resources);
    return policy;
  }

  /** An embedded Ranger engine over {@code policies}: no admin, tags, roles, enrichers or audit. */
  static RangerPolicyEngine engine(long version, List<RangerPolicy> policies) {
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
}
