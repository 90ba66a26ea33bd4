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
 * PRIVILEGES becomes every access type but MANAGE. Denies become deny items of the same policies,
 * which Ranger lets win over allow items. Each row filter becomes a Ranger row-filter policy on
 * its table and each column mask a data-mask policy on its column.
 */
public final class PolicySnapshot {
  /** Ranger's group of every user. */
  private static final String PUBLIC_GROUP = "public";
  private final long version;
  /**
   * One Ranger engine per depth of resource (1: catalog and other top-level securables, 2:
   * schema, 3: table, volume, function, model). A request names every level down to its object,
   * and a policy matches it only at the same depth; but Ranger gathers as candidates every
   * policy below the requested level and checks each, so one engine for all made a USE CATALOG
   * check cost a scan of every grant on every table of the catalog.
   */
  private final Map<Integer, RangerPolicyEngine> accessEngines;
  /** Row-filter and data-mask policies. */
  private final RangerPolicyEngine dataEngine;
  /** All access policies in one engine, as a plain Ranger integration would hold them; built on demand. */
  private volatile RangerPolicyEngine allInOne;
  private final List<RangerPolicy> accessPolicies;
  /** Ranger policy id to the securable whose grants it was compiled from. */
  private final Map<Long, Securable> securableOfPolicy;
  /** Principal name to its grants, for listings and explanations. */
  private final Map<String, List<Grant>> grantsByPrincipal;
  /** Securable to the grants made directly on it. */
  private final Map<Securable, List<Grant>> grantsBySecurable;
  /** Principals named by at least one deny: only they need the deny check. */
  private final Set<String> deniedPrincipals;
  /** Ranger policy id to the row filter or column mask it was compiled from. */
  private final Map<Long, RowFilter> rowFilterOfPolicy;
  private final Map<Long, ColumnMask> maskOfPolicy;
  /** Tables with at least one mask, to skip Ranger for the rest. */
  private final Set<Securable> maskedTables;
  /** Tables with a row filter. */
  private final Set<Securable> filteredTables;

  /** What this snapshot was compiled from, to tell whether a newer version needs compiling at all. */
  private final Set<Grant> grantSet;
  private final Set<List<Object>> dataPolicyKeys;

  private PolicySnapshot(long version, List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
    this.version = version;
    List<Grant> all = List.copyOf(grants);
    this.grantSet = Set.copyOf(all);
    this.dataPolicyKeys = dataPolicyKeys(rowFilters, masks);
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
    List<RangerPolicy> dataPolicies = new ArrayList<>();
    Map<Long, RowFilter> filters = new HashMap<>();
    Set<Securable> filtered = new java.util.HashSet<>();
    for (RowFilter filter : rowFilters) {
      dataPolicies.add(rowFilterPolicy(id, filter));
      filters.put(id++, filter);
      filtered.add(filter.table());
    }
    Map<Long, ColumnMask> masksById = new HashMap<>();
    Set<Securable> masked = new java.util.HashSet<>();
    for (ColumnMask mask : masks) {
      dataPolicies.add(maskPolicy(id, mask));
      masksById.put(id++, mask);
      masked.add(mask.table());
    }
    this.securableOfPolicy = Map.copyOf(byPolicy);
    this.grantsByPrincipal = indexByPrincipal(all);
    this.grantsBySecurable = bySecurable;
    Set<String> denied = new java.util.HashSet<>();
    all.stream().filter(Grant::deny).forEach(g -> denied.add(g.principal()));
    this.deniedPrincipals = Set.copyOf(denied);
    this.rowFilterOfPolicy = Map.copyOf(filters);
    this.maskOfPolicy = Map.copyOf(masksById);
    this.maskedTables = Set.copyOf(masked);
    this.filteredTables = Set.copyOf(filtered);
    Map<Integer, List<RangerPolicy>> byDepth = new HashMap<>();
    for (RangerPolicy policy : policies) {
      byDepth.computeIfAbsent(policy.getResources().size(), d -> new ArrayList<>()).add(policy);
    }
    Map<Integer, RangerPolicyEngine> engines = new HashMap<>();
    for (int depth = 1; depth <= 3; depth++) {
      engines.put(depth, engine(version, byDepth.getOrDefault(depth, List.of())));
    }
    this.accessEngines = Map.copyOf(engines);
    this.accessPolicies = List.copyOf(policies);
    this.dataEngine = engine(version, dataPolicies);
  }

  /** The same compiled policies under another version: the copy shares everything but the number. */
  private PolicySnapshot(PolicySnapshot same, long version) {
    this.version = version;
    this.grantSet = same.grantSet;
    this.dataPolicyKeys = same.dataPolicyKeys;
    this.accessEngines = same.accessEngines;
    this.dataEngine = same.dataEngine;
    this.accessPolicies = same.accessPolicies;
    this.securableOfPolicy = same.securableOfPolicy;
    this.grantsByPrincipal = same.grantsByPrincipal;
    this.grantsBySecurable = same.grantsBySecurable;
    this.deniedPrincipals = same.deniedPrincipals;
    this.rowFilterOfPolicy = same.rowFilterOfPolicy;
    this.maskOfPolicy = same.maskOfPolicy;
    this.maskedTables = same.maskedTables;
    this.filteredTables = same.filteredTables;
  }

  /**
   * A snapshot of {@code version} from these grants, filters and masks: this one renumbered when
   * they are the ones it was compiled from (a rename, an owner or a membership moved the version,
   * not the policies), else a new compilation. Compiling costs far more than comparing.
   */
  public PolicySnapshot next(long version, List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
    if (grants.size() == grantSet.size() && grantSet.equals(Set.copyOf(grants))
        && dataPolicyKeys.equals(dataPolicyKeys(rowFilters, masks))) {
      return new PolicySnapshot(this, version);
    }
    return of(version, grants, rowFilters, masks);
  }

  /** Filters and masks by what decides their effect: the table, column, function and bound body. */
  private static Set<List<Object>> dataPolicyKeys(List<RowFilter> rowFilters, List<ColumnMask> masks) {
    Set<List<Object>> keys = new java.util.HashSet<>();
    for (RowFilter f : rowFilters) {
      keys.add(List.of("filter", f.table(), f.function(), f.expression().source()));
    }
    for (ColumnMask m : masks) {
      keys.add(List.of("mask", m.table(), m.column(), m.function(), m.expression().source()));
    }
    return Set.copyOf(keys);
  }

  public static PolicySnapshot of(long version, List<Grant> grants) {
    return new PolicySnapshot(version, grants, List.of(), List.of());
  }

  /** A snapshot of grants and denies together with the tables' row filters and column masks. */
  public static PolicySnapshot of(long version, List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
    return new PolicySnapshot(version, grants, rowFilters, masks);
  }

  public static PolicySnapshot empty() {
    return of(0, List.of());
  }

  public long version() {
    return version;
  }

  /**
   * Every access policy of this snapshot in one Ranger engine, as a plain Ranger integration
   * would hold them: for benchmarks that compare against raw Ranger. Built on first use.
   */
  public RangerPolicyEngine ranger() {
    RangerPolicyEngine e = allInOne;
    if (e == null) {
      synchronized (this) {
        if (allInOne == null) {
          allInOne = engine(version, accessPolicies);
        }
        e = allInOne;
      }
    }
    return e;
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
      if (!g.deny() && subject.is(g.principal()) && g.covers(privilege)) {
        return g;
      }
    }
    return null;
  }

  /**
   * The explicit deny of {@code privilege} on {@code securable} (or on a container above it) that
   * names {@code subject} or one of its groups, or null. Costs nothing for subjects no deny names.
   */
  public Grant denyOrNull(Subject subject, Privilege privilege, Securable securable) {
    if (!mayBeDenied(subject)) {
      return null;
    }
    RangerAccessResult result = evaluate(subject, privilege.accessType(), securable);
    if (result == null || result.getIsAllowed() || !result.getIsAccessDetermined() || result.getPolicyId() < 0) {
      return null;
    }
    for (Grant g : grantsBySecurable.getOrDefault(securableOfPolicy.get(result.getPolicyId()), List.of())) {
      if (g.deny() && subject.is(g.principal()) && g.covers(privilege)) {
        return g;
      }
    }
    return null;
  }

  /** Whether a deny names {@code subject} or one of its groups: only then can a deny change its answers. */
  public boolean mayBeDenied(Subject subject) {
    if (deniedPrincipals.isEmpty()) {
      return false;
    }
    if (deniedPrincipals.contains(subject.name())) {
      return true;
    }
    for (String group : subject.groups()) {
      if (deniedPrincipals.contains(group)) {
        return true;
      }
    }
    return false;
  }

  /** The row filter in force on {@code table}, as Ranger's row-filter policies find it, or empty. */
  public Optional<RowFilter> rowFilter(Subject subject, Securable table) {
    if (rowFilterOfPolicy.isEmpty()) {
      return Optional.empty();
    }
    RangerAccessRequestImpl request = new RangerAccessRequestImpl(
        resource(table), Privilege.SELECT.accessType(), subject.name(), subject.groups(), Collections.emptySet());
    RangerAccessResult result = dataEngine.evaluatePolicies(request, RangerPolicy.POLICY_TYPE_ROWFILTER, null);
    return result == null || !result.isRowFilterEnabled()
        ? Optional.empty() : Optional.ofNullable(rowFilterOfPolicy.get(result.getPolicyId()));
  }

  /** The mask in force on one column of {@code table}, as Ranger's data-mask policies find it, or empty. */
  public Optional<ColumnMask> mask(Subject subject, Securable table, String column) {
    if (!maskedTables.contains(table)) {
      return Optional.empty();
    }
    RangerAccessResourceImpl resource = resource(table);
    resource.setValue("column", column.toLowerCase(java.util.Locale.ROOT));
    RangerAccessRequestImpl request = new RangerAccessRequestImpl(
        resource, Privilege.SELECT.accessType(), subject.name(), subject.groups(), Collections.emptySet());
    RangerAccessResult result = dataEngine.evaluatePolicies(request, RangerPolicy.POLICY_TYPE_DATAMASK, null);
    return result == null || !result.isMaskEnabled()
        ? Optional.empty() : Optional.ofNullable(maskOfPolicy.get(result.getPolicyId()));
  }

  /**
   * Whether a row filter or a column mask is set on {@code table}. Both apply to every reader
   * (the function decides who is exempt at query time), so reading the table's files directly
   * would bypass them.
   */
  public boolean hasRowFilterOrMask(Securable table) {
    return filteredTables.contains(table) || maskedTables.contains(table);
  }

  /**
   * Whether {@code subject} holds any privilege on {@code securable} itself, directly or inherited
   * from a container. Grants on objects below it do not count: Ranger's any-access check would
   * count them, so each privilege that can be held on this kind of object is asked in turn.
   */
  public boolean hasAny(Subject subject, Securable securable) {
    return hasAny(subject, securable, true);
  }

  /**
   * {@link #hasAny(Subject, Securable)}, counting BROWSE or not: BROWSE alone shows metadata only
   * where the caller asks for it.
   */
  public boolean hasAny(Subject subject, Securable securable, boolean countBrowse) {
    for (Privilege privilege : Privilege.values()) {
      if (privilege != Privilege.ALL_PRIVILEGES && (countBrowse || privilege != Privilege.BROWSE)
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
      if (!g.deny() && g.covers(privilege)) {
        result.add(g);
      }
    }
    return result;
  }

  /** The denies, direct or inherited, of {@code privilege} on {@code securable}. */
  public List<Grant> deniesOf(Privilege privilege, Securable securable) {
    List<Grant> result = new ArrayList<>();
    for (Grant g : effectiveGrantsOn(securable)) {
      if (g.deny() && g.covers(privilege)) {
        result.add(g);
      }
    }
    return result;
  }

  private RangerAccessResult evaluate(Subject subject, String accessType, Securable securable) {
    RangerAccessRequestImpl request =
        new RangerAccessRequestImpl(resource(securable), accessType, subject.name(), subject.groups(), Collections.emptySet());
    return accessEngines.get(securable.path().size()).evaluatePolicies(request, RangerPolicy.POLICY_TYPE_ACCESS, null);
  }

  private static RangerAccessResourceImpl resource(Securable securable) {
    RangerAccessResourceImpl resource = new RangerAccessResourceImpl();
    List<String> names = securable.type().resourcePath();
    for (int i = 0; i < names.size(); i++) {
      resource.setValue(names.get(i), securable.path().get(i));
    }
    return resource;
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
    Map<String, List<String>> result = new java.util.LinkedHashMap<>();
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
