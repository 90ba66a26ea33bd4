package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.policyengine.RangerAccessRequestImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResourceImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResult;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngine;

/**
 * An immutable, versioned set of grants, denies, row filters and column masks, with the Apache
 * Ranger engines that decide over them. Evaluation never touches a database: a grant change
 * builds a new snapshot, which replaces this one.
 *
 * <p>The questions a lookup answers (what is granted on a securable, to a principal, whom a deny
 * names) go to the {@link GrantIndex}; the decisions that follow the hierarchy (a grant on a
 * catalog reaching its tables, a deny winning over a grant, the filter or mask in force) go to
 * Ranger, over the policies {@link PolicyCompiler} made from the grants.
 */
public final class PolicySnapshot {
  private final long version;
  private final GrantIndex index;
  /**
   * What grants give on their own securables, each named by its id alone: a request's candidates
   * are the policies that list its object. One engine per partition of the ids
   * ({@link PolicyCompiler#shardOf}), so that a grant change copies one partition's trie.
   */
  private final RangerPolicyEngine[] ownEngines;
  /**
   * What grants on catalogs and schemas give below them, one Ranger engine per depth of the
   * objects reached (2: schema, 3: table, volume, function, model). A request names every level
   * down to its object, and a policy matches it only at the same depth; but Ranger gathers as
   * candidates every policy below the requested level and checks each, so one engine for all
   * made a USE CATALOG check cost a scan of every grant on every table of the catalog.
   */
  private final Map<Integer, RangerPolicyEngine> inheritedEngines;
  /** Row-filter and data-mask policies. */
  private final RangerPolicyEngine dataEngine;
  /** The access policies by principal, and the grant level of each. */
  private final PolicyCompiler.Access access;
  /** Which filter or mask each data policy was compiled from. */
  private final PolicyCompiler.Data data;
  /** The securables of the same version: names, ids, parents and owners. */
  private final CatalogSnapshot catalog;
  /** Which workspaces reach the isolated securables of the same version. */
  private final WorkspaceBindings bindings;
  /** Filters and masks of attribute-based policies (CREATE POLICY), bound to the tables they cover. */
  private final AttributePolicies attributes;

  private PolicySnapshot(long version, GrantIndex index, PolicyCompiler.Access access, RangerPolicyEngine[] ownEngines,
      Map<Integer, RangerPolicyEngine> inheritedEngines, PolicyCompiler.Data data, RangerPolicyEngine dataEngine,
      CatalogSnapshot catalog, WorkspaceBindings bindings, AttributePolicies attributes) {
    this.version = version;
    this.bindings = bindings;
    this.index = index;
    this.access = access;
    this.ownEngines = ownEngines;
    this.inheritedEngines = inheritedEngines;
    this.data = data;
    this.dataEngine = dataEngine;
    this.catalog = catalog;
    this.attributes = attributes;
  }

  /** Everything compiled from {@code index}. */
  private static PolicySnapshot compiled(long version, GrantIndex index, CatalogSnapshot catalog, WorkspaceBindings bindings) {
    PolicyCompiler.Access access = PolicyCompiler.compile(index);
    Map<Integer, List<RangerPolicy>> byDepth = byDepth(access.policies(PolicyCompiler.INHERITED));
    Map<Integer, RangerPolicyEngine> engines = new HashMap<>();
    for (int depth = 2; depth <= 3; depth++) {
      engines.put(depth, PolicyCompiler.engine(version, byDepth.getOrDefault(depth, List.of())));
    }
    RangerPolicyEngine[] own = new RangerPolicyEngine[PolicyCompiler.OWN_SHARDS];
    for (int shard = 0; shard < own.length; shard++) {
      own[shard] = PolicyCompiler.engine(version, access.policies(shard), GatehouseServiceDef.buildFlat());
    }
    PolicyCompiler.Data data = PolicyCompiler.compileData(index);
    return new PolicySnapshot(version, index, access, own, Map.copyOf(engines), data,
        PolicyCompiler.engine(version, data.policies()), catalog, bindings, AttributePolicies.empty());
  }

  /** Inherited policies by the depth of the objects they reach: the number of their resources. */
  private static Map<Integer, List<RangerPolicy>> byDepth(List<RangerPolicy> policies) {
    Map<Integer, List<RangerPolicy>> byDepth = new HashMap<>();
    for (RangerPolicy policy : policies) {
      byDepth.computeIfAbsent(policy.getResources().size(), d -> new ArrayList<>()).add(policy);
    }
    return byDepth;
  }

  /**
   * A snapshot of {@code version} from these grants, filters and masks: this one renumbered when
   * they are the ones it was compiled from (a rename, an owner or a membership moved the version,
   * not the policies), else a new compilation of what differs: all the access policies when the
   * grants differ, the filters and masks when they do. Compiling costs far more than comparing.
   */
  public PolicySnapshot next(long version, List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
    PolicySnapshot next = index.sameGrants(grants)
        ? renumbered(version)
        : compiled(version, new GrantIndex(grants, rowFilters, masks), catalog, bindings).withAttributePolicies(attributes);
    return next.withDataPolicies(rowFilters, masks);
  }

  /**
   * The snapshot of {@code version} in which the securables {@code ids} hold {@code grants} (the
   * grants and denies made on them now; none for a securable dropped) and every other securable
   * what it held here. Only the policies of principals whose grants changed are compiled again,
   * and Ranger's engines take them as deltas: a grant costs what it changes, not what the
   * snapshot holds.
   */
  public PolicySnapshot withGrantsOn(long version, Set<String> ids, List<Grant> grants) {
    GrantIndex.Changed changed = index.withGrantsOn(ids, grants);
    if (access.worn()) {
      return compiled(version, changed.index(), catalog, bindings).withAttributePolicies(attributes);
    }
    Map<String, Set<Integer>> partitions = new HashMap<>();
    changed.principals().forEach((principal, securables) -> {
      Set<Integer> touched = new HashSet<>();
      securables.forEach(securable -> touched.addAll(PolicyCompiler.partitionsOf(securable)));
      partitions.put(principal, touched);
    });
    PolicyCompiler.Recompiled recompiled = PolicyCompiler.recompile(access, changed.index(), partitions);
    RangerPolicyEngine[] own = ownEngines.clone();
    for (int shard = 0; shard < own.length; shard++) {
      own[shard] = PolicyCompiler.withDeltas(own[shard], version, recompiled.removed().getOrDefault(shard, List.of()),
          recompiled.added().getOrDefault(shard, List.of()), GatehouseServiceDef.buildFlat());
    }
    Map<Integer, List<RangerPolicy>> removed = byDepth(recompiled.removed().getOrDefault(PolicyCompiler.INHERITED, List.of()));
    Map<Integer, List<RangerPolicy>> added = byDepth(recompiled.added().getOrDefault(PolicyCompiler.INHERITED, List.of()));
    Map<Integer, RangerPolicyEngine> inherited = new HashMap<>();
    inheritedEngines.forEach((depth, engine) -> inherited.put(depth, PolicyCompiler.withDeltas(engine, version,
        removed.getOrDefault(depth, List.of()), added.getOrDefault(depth, List.of()), GatehouseServiceDef.build())));
    return new PolicySnapshot(version, changed.index(), recompiled.access(), own, Map.copyOf(inherited), data, dataEngine,
        catalog, bindings, attributes);
  }

  /** This snapshot with these row filters and masks: the data policies compiled again if they differ. */
  public PolicySnapshot withDataPolicies(List<RowFilter> rowFilters, List<ColumnMask> masks) {
    if (index.sameDataPolicies(rowFilters, masks)) {
      return this;
    }
    GrantIndex next = index.withDataPolicies(rowFilters, masks);
    PolicyCompiler.Data data = PolicyCompiler.compileData(next);
    return new PolicySnapshot(version, next, access, ownEngines, inheritedEngines, data,
        PolicyCompiler.engine(version, data.policies()), catalog, bindings, attributes);
  }

  /** The same policies under another version. */
  public PolicySnapshot renumbered(long version) {
    return new PolicySnapshot(version, index, access, ownEngines, inheritedEngines, data, dataEngine, catalog, bindings,
        attributes);
  }

  /**
   * The snapshot of {@code version} when only securables changed (created, renamed, given to
   * another owner): the same compiled policies over {@code catalog}.
   */
  public PolicySnapshot next(long version, CatalogSnapshot catalog) {
    return renumbered(version).withCatalog(catalog);
  }

  /** This snapshot with the securables of its version. */
  public PolicySnapshot withCatalog(CatalogSnapshot catalog) {
    return new PolicySnapshot(version, index, access, ownEngines, inheritedEngines, data, dataEngine, catalog, bindings,
        attributes);
  }

  /** This snapshot with the workspace bindings of its version. */
  public PolicySnapshot withBindings(WorkspaceBindings bindings) {
    return new PolicySnapshot(version, index, access, ownEngines, inheritedEngines, data, dataEngine, catalog, bindings,
        attributes);
  }

  /** Which workspaces reach the isolated securables. */
  public WorkspaceBindings bindings() {
    return bindings;
  }

  /** This snapshot with the attribute-based policies of its version, bound over its tags. */
  public PolicySnapshot withAttributePolicies(AttributePolicies attributes) {
    return new PolicySnapshot(version, index, access, ownEngines, inheritedEngines, data, dataEngine, catalog, bindings,
        attributes);
  }

  /** The attribute-based policies of this version. */
  public AttributePolicies attributePolicies() {
    return attributes;
  }

  /** The securables of this version, for resolving names and ids without the database. */
  public CatalogSnapshot catalog() {
    return catalog;
  }

  public static PolicySnapshot of(long version, List<Grant> grants) {
    return of(version, grants, List.of(), List.of());
  }

  /** A snapshot of grants and denies together with the tables' row filters and column masks. */
  public static PolicySnapshot of(long version, List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
    return compiled(version, new GrantIndex(grants, rowFilters, masks), CatalogSnapshot.empty(), WorkspaceBindings.none());
  }

  public static PolicySnapshot empty() {
    return of(0, List.of());
  }

  public long version() {
    return version;
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
    // The matched policy carries the grants of the securable at its level of the path; the grant
    // is the subject's grant there that gives the privilege.
    for (Grant g : index.grantsOn(grantedSecurable(result, securable))) {
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
    if (!index.mayBeDenied(subject)) {
      return null;
    }
    RangerAccessResult result = evaluate(subject, privilege.accessType(), securable);
    if (result == null || result.getIsAllowed() || !result.getIsAccessDetermined() || result.getPolicyId() < 0) {
      return null;
    }
    for (Grant g : index.grantsOn(grantedSecurable(result, securable))) {
      if (g.deny() && subject.is(g.principal()) && g.covers(privilege)) {
        return g;
      }
    }
    return null;
  }

  /**
   * Whether a deny names {@code subject} or one of its groups, or a DENY policy applies to it:
   * only then can a deny change its answers.
   */
  public boolean mayBeDenied(Subject subject) {
    return index.mayBeDenied(subject) || attributes.mayDeny(subject);
  }

  /**
   * The row filter in force on {@code table} for {@code subject}: the table's own, as Ranger's
   * row-filter policies find it, or the one attribute-based policy that applies. Two or more
   * (a policy's and the table's own, or two policies') fail closed with {@link PolicyConflictException}.
   */
  public Optional<RowFilter> rowFilter(Subject subject, Securable table) {
    return attributes.rowFilter(subject, table, ownRowFilter(subject, table));
  }

  private Optional<RowFilter> ownRowFilter(Subject subject, Securable table) {
    if (data.rowFilterOfPolicy().isEmpty()) {
      return Optional.empty();
    }
    RangerAccessRequestImpl request = new RangerAccessRequestImpl(
        resource(table), Privilege.SELECT.accessType(), subject.name(), subject.groups(), Collections.emptySet());
    RangerAccessResult result = dataEngine.evaluatePolicies(request, RangerPolicy.POLICY_TYPE_ROWFILTER, null);
    return result == null || !result.isRowFilterEnabled()
        ? Optional.empty() : Optional.ofNullable(data.rowFilterOfPolicy().get(result.getPolicyId()));
  }

  /**
   * The mask in force on one column of {@code table} for {@code subject}: the column's own, as
   * Ranger's data-mask policies find it, or the one attribute-based policy's that applies. Two or
   * more fail closed with {@link PolicyConflictException}.
   */
  public Optional<ColumnMask> mask(Subject subject, Securable table, String column) {
    return attributes.mask(subject, table, column, ownMask(subject, table, column));
  }

  private Optional<ColumnMask> ownMask(Subject subject, Securable table, String column) {
    if (!index.isMasked(table)) {
      return Optional.empty();
    }
    RangerAccessResourceImpl resource = resource(table);
    resource.setValue("column", column.toLowerCase(java.util.Locale.ROOT));
    RangerAccessRequestImpl request = new RangerAccessRequestImpl(
        resource, Privilege.SELECT.accessType(), subject.name(), subject.groups(), Collections.emptySet());
    RangerAccessResult result = dataEngine.evaluatePolicies(request, RangerPolicy.POLICY_TYPE_DATAMASK, null);
    return result == null || !result.isMaskEnabled()
        ? Optional.empty() : Optional.ofNullable(data.maskOfPolicy().get(result.getPolicyId()));
  }

  /**
   * Whether a row filter or a column mask is set on {@code table}. Both apply to every reader
   * (the function decides who is exempt at query time), so reading the table's files directly
   * would bypass them.
   */
  public boolean hasRowFilterOrMask(Securable table) {
    return index.hasRowFilterOrMask(table) || attributes.covers(table);
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
    boolean policies = attributes.hasGrantsOrDenies();
    for (Privilege privilege : Privilege.values()) {
      if (privilege != Privilege.ALL_PRIVILEGES && (countBrowse || privilege != Privilege.BROWSE)
          && (privilege.checkedOn(securable.type()) || privilege.grantableOn(securable.type()))) {
        // A GRANT policy counts as a grant, a DENY policy as a deny: as for explicit grants and denies.
        if (policies && attributes.denyOrNull(subject, privilege, securable) != null) {
          continue;
        }
        RangerAccessResult result = evaluate(subject, privilege.accessType(), securable);
        if (result != null && result.getIsAllowed()
            || policies && !isDenied(result) && attributes.grantOrNull(subject, privilege, securable) != null) {
          return true;
        }
      }
    }
    return false;
  }

  /** Grants made directly on {@code securable}. */
  public List<Grant> grantsOn(Securable securable) {
    return index.grantsOn(securable);
  }

  /** Grants on {@code securable} and on every container above it: what it inherits. */
  public List<Grant> effectiveGrantsOn(Securable securable) {
    return index.effectiveGrantsOn(securable);
  }

  /** Every grant to any of {@code names} (a subject's name and groups). */
  public List<Grant> grantsTo(Set<String> names) {
    return index.grantsTo(names);
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

  /** The securable on {@code requested}'s path whose grants the policy that decided {@code result} carries. */
  private Securable grantedSecurable(RangerAccessResult result, Securable requested) {
    return requested.selfAndAncestors().get(access.grantLevelOf(result.getPolicyId()));
  }

  /**
   * Ranger's answer for {@code accessType} on {@code securable}, from the policies of its own
   * grants and those inherited from its containers: a deny in either wins, then an allow in
   * either; with neither, nothing decided.
   */
  private RangerAccessResult evaluate(Subject subject, String accessType, Securable securable) {
    RangerAccessResourceImpl own = new RangerAccessResourceImpl();
    own.setValue(securable.type().resourceName(), securable.id());
    RangerAccessResult byOwn = ownEngines[PolicyCompiler.shardOf(securable.id())].evaluatePolicies(
        new RangerAccessRequestImpl(own, accessType, subject.name(), subject.groups(), Collections.emptySet()),
        RangerPolicy.POLICY_TYPE_ACCESS, null);
    RangerPolicyEngine inheritedEngine = inheritedEngines.get(securable.path().size());
    if (inheritedEngine == null || isDenied(byOwn)) {
      return byOwn;
    }
    RangerAccessResult byInherited = inheritedEngine.evaluatePolicies(
        new RangerAccessRequestImpl(resource(securable), accessType, subject.name(), subject.groups(), Collections.emptySet()),
        RangerPolicy.POLICY_TYPE_ACCESS, null);
    if (isDenied(byInherited) || byOwn == null || !byOwn.getIsAllowed()) {
      return byInherited;
    }
    return byOwn;
  }

  /** Whether a deny item decided {@code result}. */
  private static boolean isDenied(RangerAccessResult result) {
    return result != null && result.getIsAccessDetermined() && !result.getIsAllowed() && result.getPolicyId() >= 0;
  }

  private static RangerAccessResourceImpl resource(Securable securable) {
    RangerAccessResourceImpl resource = new RangerAccessResourceImpl();
    List<String> names = securable.type().resourcePath();
    for (int i = 0; i < names.size(); i++) {
      resource.setValue(names.get(i), securable.path().get(i));
    }
    return resource;
  }
}
