package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
   * are the policies that list its object.
   */
  private final RangerPolicyEngine ownEngine;
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
  /** Which grants each access policy carries, which filter or mask each data policy was compiled from. */
  private final PolicyCompiler.Compiled compiled;
  /** The securables of the same version: names, ids, parents and owners. */
  private final CatalogSnapshot catalog;

  private PolicySnapshot(long version, List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
    this.version = version;
    this.index = new GrantIndex(grants, rowFilters, masks);
    PolicyCompiler.Compiled compiled = PolicyCompiler.compile(index);
    this.compiled = compiled;
    this.ownEngine = PolicyCompiler.engine(version, compiled.ownPolicies(), GatehouseServiceDef.buildFlat());
    Map<Integer, List<RangerPolicy>> byDepth = new HashMap<>();
    for (RangerPolicy policy : compiled.inheritedPolicies()) {
      byDepth.computeIfAbsent(policy.getResources().size(), d -> new ArrayList<>()).add(policy);
    }
    Map<Integer, RangerPolicyEngine> engines = new HashMap<>();
    for (int depth = 2; depth <= 3; depth++) {
      engines.put(depth, PolicyCompiler.engine(version, byDepth.getOrDefault(depth, List.of())));
    }
    this.inheritedEngines = Map.copyOf(engines);
    this.dataEngine = PolicyCompiler.engine(version, compiled.dataPolicies());
    this.catalog = CatalogSnapshot.empty();
  }

  /** The same compiled policies under another version: the copy shares everything but the number. */
  private PolicySnapshot(PolicySnapshot same, long version, CatalogSnapshot catalog) {
    this.version = version;
    this.catalog = catalog;
    this.index = same.index;
    this.ownEngine = same.ownEngine;
    this.inheritedEngines = same.inheritedEngines;
    this.dataEngine = same.dataEngine;
    this.compiled = same.compiled;
  }

  /**
   * A snapshot of {@code version} from these grants, filters and masks: this one renumbered when
   * they are the ones it was compiled from (a rename, an owner or a membership moved the version,
   * not the policies), else a new compilation. Compiling costs far more than comparing.
   */
  public PolicySnapshot next(long version, List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
    if (index.sameAs(grants, rowFilters, masks)) {
      return new PolicySnapshot(this, version, catalog);
    }
    return of(version, grants, rowFilters, masks);
  }

  /**
   * The snapshot of {@code version} when only securables changed (created, renamed, given to
   * another owner): the same compiled policies over {@code catalog}.
   */
  public PolicySnapshot next(long version, CatalogSnapshot catalog) {
    return new PolicySnapshot(this, version, catalog);
  }

  /** This snapshot with the securables of its version. */
  public PolicySnapshot withCatalog(CatalogSnapshot catalog) {
    return new PolicySnapshot(this, version, catalog);
  }

  /** The securables of this version, for resolving names and ids without the database. */
  public CatalogSnapshot catalog() {
    return catalog;
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
    if (!mayBeDenied(subject)) {
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

  /** Whether a deny names {@code subject} or one of its groups: only then can a deny change its answers. */
  public boolean mayBeDenied(Subject subject) {
    return index.mayBeDenied(subject);
  }

  /** The row filter in force on {@code table}, as Ranger's row-filter policies find it, or empty. */
  public Optional<RowFilter> rowFilter(Subject subject, Securable table) {
    if (compiled.rowFilterOfPolicy().isEmpty()) {
      return Optional.empty();
    }
    RangerAccessRequestImpl request = new RangerAccessRequestImpl(
        resource(table), Privilege.SELECT.accessType(), subject.name(), subject.groups(), Collections.emptySet());
    RangerAccessResult result = dataEngine.evaluatePolicies(request, RangerPolicy.POLICY_TYPE_ROWFILTER, null);
    return result == null || !result.isRowFilterEnabled()
        ? Optional.empty() : Optional.ofNullable(compiled.rowFilterOfPolicy().get(result.getPolicyId()));
  }

  /** The mask in force on one column of {@code table}, as Ranger's data-mask policies find it, or empty. */
  public Optional<ColumnMask> mask(Subject subject, Securable table, String column) {
    if (!index.isMasked(table)) {
      return Optional.empty();
    }
    RangerAccessResourceImpl resource = resource(table);
    resource.setValue("column", column.toLowerCase(java.util.Locale.ROOT));
    RangerAccessRequestImpl request = new RangerAccessRequestImpl(
        resource, Privilege.SELECT.accessType(), subject.name(), subject.groups(), Collections.emptySet());
    RangerAccessResult result = dataEngine.evaluatePolicies(request, RangerPolicy.POLICY_TYPE_DATAMASK, null);
    return result == null || !result.isMaskEnabled()
        ? Optional.empty() : Optional.ofNullable(compiled.maskOfPolicy().get(result.getPolicyId()));
  }

  /**
   * Whether a row filter or a column mask is set on {@code table}. Both apply to every reader
   * (the function decides who is exempt at query time), so reading the table's files directly
   * would bypass them.
   */
  public boolean hasRowFilterOrMask(Securable table) {
    return index.hasRowFilterOrMask(table);
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
    return requested.selfAndAncestors().get(compiled.grantLevelOf(result.getPolicyId()));
  }

  /**
   * Ranger's answer for {@code accessType} on {@code securable}, from the policies of its own
   * grants and those inherited from its containers: a deny in either wins, then an allow in
   * either; with neither, nothing decided.
   */
  private RangerAccessResult evaluate(Subject subject, String accessType, Securable securable) {
    RangerAccessResourceImpl own = new RangerAccessResourceImpl();
    own.setValue(securable.type().resourceName(), securable.id());
    RangerAccessResult byOwn = ownEngine.evaluatePolicies(
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
