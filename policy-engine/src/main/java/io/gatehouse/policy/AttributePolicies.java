package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The row filters, column masks, grants and denies that attribute-based policies (Databricks'
 * CREATE POLICY) put on tables, columns, schemas and volumes, bound when the snapshot was loaded:
 * which securables and columns a policy covers follows from the tags of the snapshot's version, so
 * a table or column tagged later is covered from the version that tagged it. The bindings are
 * compiled into Apache Ranger's tag-based policies ({@link TagPolicyCompiler}), and Ranger's
 * engine, over the tags a {@code RangerTagEnricher} puts on each request, decides who a policy
 * applies to (TO, EXCEPT) and so which one decides.
 */
public final class AttributePolicies {
  /** Whom a policy applies to: anyone named in {@code to} but no one named in {@code except}. */
  public record Principals(Set<String> to, Set<String> except) {
    public Principals {
      to = lowered(to);
      except = lowered(except);
    }

    public boolean appliesTo(Subject subject) {
      for (String name : except) {
        if (subject.is(name)) {
          return false;
        }
      }
      for (String name : to) {
        if (subject.is(name)) {
          return true;
        }
      }
      return false;
    }

    private static Set<String> lowered(Set<String> names) {
      Set<String> lowered = new java.util.LinkedHashSet<>();
      names.forEach(n -> lowered.add(n.toLowerCase(Locale.ROOT)));
      return Set.copyOf(lowered);
    }
  }

  /**
   * A policy's filter on one table, or, when {@code conflict} is set, why it cannot be bound there
   * (a USING COLUMNS alias matching several columns): a reader it applies to is refused.
   */
  public record BoundFilter(String policy, Principals principals, RowFilter filter, String conflict) {}

  /** A policy's mask on one column of one table, or why it cannot be bound there. */
  public record BoundMask(String policy, Principals principals, ColumnMask mask, String conflict) {}

  /**
   * A GRANT or DENY policy bound to one securable its condition matches: {@code privileges} granted
   * (or denied) there to the principals it applies to, reaching what is below it as a grant on the
   * securable would.
   */
  public record BoundAccess(String policy, Principals principals, Set<Privilege> privileges, boolean deny,
      Securable securable) {
    public BoundAccess {
      privileges = Set.copyOf(privileges);
    }

    /** Whether this binding grants or denies {@code wanted}: named, or ALL PRIVILEGES for one it implies. */
    public boolean covers(Privilege wanted) {
      return privileges.contains(wanted) || wanted.impliedByAll() && privileges.contains(Privilege.ALL_PRIVILEGES);
    }

    /** As explain says it: {@code DENY SELECT by policy no_pii on catalog main (on table main.s.t)}. */
    public String describe(String where) {
      return (deny ? "DENY " : "GRANT ") + String.join(", ", privileges.stream().map(Privilege::sqlName).sorted().toList())
          + " by policy " + policy + " (on " + where + ")";
    }
  }

  private static final AttributePolicies EMPTY = new AttributePolicies(Map.of(), Map.of(), Map.of(), 0, false, List.of(), List.of());

  private final Map<String, List<BoundFilter>> filters;
  private final Map<String, Map<String, List<BoundMask>>> masks;
  /** GRANT and DENY policies by the id of the securable they are bound to. */
  private final Map<String, List<BoundAccess>> access;
  private final int policies;
  private final boolean anyDeny;
  /** Whom the DENY policies apply to, each set of principals once. */
  private final List<Principals> denied;
  /** GRANT and DENY policies by the id of each container above the securable they are bound to. */
  private final Map<String, List<BoundAccess>> below;
  /** The GRANT and DENY policies compiled into Ranger's tag-based policies, which decide them; null with none. */
  private final TagPolicyCompiler.Compiled compiled;

  private AttributePolicies(Map<String, List<BoundFilter>> filters, Map<String, Map<String, List<BoundMask>>> masks,
      Map<String, List<BoundAccess>> access, int policies, boolean anyDeny, List<BoundFilter> allFilters,
      List<BoundMask> allMasks) {
    this.filters = filters;
    this.masks = masks;
    this.access = access;
    this.policies = policies;
    this.anyDeny = anyDeny;
    Set<Principals> denied = new java.util.LinkedHashSet<>();
    access.values().forEach(bound -> bound.forEach(a -> {
      if (a.deny()) {
        denied.add(a.principals());
      }
    }));
    this.denied = List.copyOf(denied);
    Map<String, List<BoundAccess>> below = new HashMap<>();
    access.values().forEach(bound -> bound.forEach(a -> {
      List<String> path = a.securable().path();
      for (int i = 0; i < path.size() - 1; i++) {
        below.computeIfAbsent(path.get(i), id -> new ArrayList<>()).add(a);
      }
    }));
    this.below = below;
    List<BoundAccess> all = new ArrayList<>();
    access.values().forEach(all::addAll);
    this.compiled = TagPolicyCompiler.compile(all, allFilters, allMasks);
  }

  public static AttributePolicies empty() {
    return EMPTY;
  }

  /** The bindings of {@code policies} policies; tables by id. */
  public static AttributePolicies of(int policies, List<BoundFilter> filters, List<BoundMask> masks) {
    return of(policies, filters, masks, List.of());
  }

  /** The bindings of {@code policies} policies, GRANT and DENY policies among them; securables by id. */
  public static AttributePolicies of(int policies, List<BoundFilter> filters, List<BoundMask> masks,
      List<BoundAccess> grantsAndDenies) {
    Map<String, List<BoundFilter>> byTable = new HashMap<>();
    for (BoundFilter f : filters) {
      byTable.computeIfAbsent(f.filter().table().id(), t -> new ArrayList<>()).add(f);
    }
    Map<String, Map<String, List<BoundMask>>> byColumn = new HashMap<>();
    for (BoundMask m : masks) {
      byColumn.computeIfAbsent(m.mask().table().id(), t -> new HashMap<>())
          .computeIfAbsent(m.mask().column(), c -> new ArrayList<>()).add(m);
    }
    Map<String, List<BoundAccess>> bySecurable = new HashMap<>();
    boolean anyDeny = false;
    for (BoundAccess a : grantsAndDenies) {
      bySecurable.computeIfAbsent(a.securable().id(), t -> new ArrayList<>()).add(a);
      anyDeny |= a.deny();
    }
    bySecurable.replaceAll((id, bound) -> List.copyOf(bound));
    return new AttributePolicies(Map.copyOf(byTable), Map.copyOf(byColumn), Map.copyOf(bySecurable), policies, anyDeny,
        List.copyOf(filters), List.copyOf(masks));
  }

  /** The Ranger engines and tag enricher the policies are compiled into; null with no binding. */
  TagPolicyCompiler.Compiled compiled() {
    return compiled;
  }

  /** Whether any GRANT or DENY policy is bound anywhere. */
  public boolean hasGrantsOrDenies() {
    return !access.isEmpty();
  }

  /**
   * The DENY policy that denies {@code privilege} on {@code securable} (bound to it or to a
   * container above it) to {@code subject}, or null. A few map lookups: no database, no scan.
   */
  public BoundAccess denyOrNull(Subject subject, Privilege privilege, Securable securable) {
    return anyDeny ? find(subject, privilege, securable, true) : null;
  }

  /** The GRANT policy that grants {@code privilege} on {@code securable} (or above it) to {@code subject}, or null. */
  public BoundAccess grantOrNull(Subject subject, Privilege privilege, Securable securable) {
    return access.isEmpty() ? null : find(subject, privilege, securable, false);
  }

  /**
   * Ranger decides, over the compiled tag policies ({@link TagPolicyCompiler}); the binding
   * returned is the one of the policy Ranger names, on {@code securable} or the container nearest
   * above it, for explain to name where it is bound.
   */
  private BoundAccess find(Subject subject, Privilege privilege, Securable securable, boolean deny) {
    if (!boundOnPath(privilege, securable, deny)) {
      // No policy of this kind with this privilege is bound on the path, for anyone: Ranger would
      // find no tag on the request. Skipping it spares a USE CATALOG or USE SCHEMA check (policies
      // bound to tables) a Ranger evaluation; whom a bound policy applies to is Ranger's to say.
      return null;
    }
    String policy = compiled.decide(subject, privilege, securable, deny);
    if (policy == null) {
      return null;
    }
    List<String> path = securable.path();
    for (int i = path.size() - 1; i >= 0; i--) {
      for (BoundAccess a : access.getOrDefault(path.get(i), List.of())) {
        if (a.deny() == deny && a.policy().equals(policy) && a.covers(privilege) && a.securable().covers(securable)) {
          return a;
        }
      }
    }
    throw new IllegalStateException("Ranger named policy " + policy + ", which is not bound on " + securable);
  }

  /** Whether a GRANT ({@code deny} false) or DENY binding of {@code privilege} covers {@code securable}, whoever it applies to. */
  private boolean boundOnPath(Privilege privilege, Securable securable, boolean deny) {
    List<String> path = securable.path();
    for (int i = 0; i < path.size(); i++) {
      List<BoundAccess> bound = access.get(path.get(i));
      if (bound != null) {
        for (BoundAccess a : bound) {
          if (a.deny() == deny && a.covers(privilege) && a.securable().covers(securable)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The bindings, GRANT and DENY, on {@code securable} and the containers above it, whoever they apply to. */
  public List<BoundAccess> accessOn(Securable securable) {
    if (access.isEmpty()) {
      return List.of();
    }
    List<BoundAccess> result = new ArrayList<>();
    for (String id : securable.path()) {
      for (BoundAccess a : access.getOrDefault(id, List.of())) {
        if (a.securable().covers(securable)) {
          result.add(a);
        }
      }
    }
    return result;
  }

  /** The bindings on {@code container} or on anything below it, whoever they apply to. */
  public List<BoundAccess> accessUnder(Securable container) {
    if (access.isEmpty()) {
      return List.of();
    }
    List<BoundAccess> result = new ArrayList<>();
    for (BoundAccess a : access.getOrDefault(container.id(), List.of())) {
      if (container.covers(a.securable())) {
        result.add(a);
      }
    }
    for (BoundAccess a : below.getOrDefault(container.id(), List.of())) {
      if (container.covers(a.securable())) {
        result.add(a);
      }
    }
    return result;
  }

  /** Whether some DENY policy applies to {@code subject} somewhere: only then can one change its answers. */
  public boolean mayDeny(Subject subject) {
    for (Principals p : denied) {
      if (p.appliesTo(subject)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The row filter and column mask policies bound to {@code table} whose TO and EXCEPT take in
   * {@code subject} (what moving the table out of their scope would lift for it), sorted; a
   * binding that fails closed counts too.
   */
  public List<String> dataPoliciesApplying(Subject subject, Securable table) {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (BoundFilter f : filters.getOrDefault(table.id(), List.of())) {
      if (f.principals().appliesTo(subject)) {
        names.add(f.policy());
      }
    }
    masks.getOrDefault(table.id(), Map.of()).values().forEach(bound -> bound.forEach(m -> {
      if (m.principals().appliesTo(subject)) {
        names.add(m.policy());
      }
    }));
    return List.copyOf(names);
  }

  /** How many policies the snapshot holds. */
  public int size() {
    return policies;
  }

  /** Whether a policy puts a filter or a mask on {@code table} for anyone. */
  public boolean covers(Securable table) {
    return filters.containsKey(table.id()) || masks.containsKey(table.id());
  }

  /** The filters of policies on {@code table} that Ranger finds applying to {@code subject}. */
  public List<BoundFilter> filters(Subject subject, Securable table) {
    List<BoundFilter> bound = filters.get(table.id());
    if (bound == null) {
      return List.of();
    }
    List<BoundFilter> applying = new ArrayList<>(1);
    for (String policy : compiled.dataPolicies(subject, table, null)) {
      applying.add(bound.stream().filter(f -> f.policy().equals(policy)).findFirst()
          .orElseThrow(() -> new IllegalStateException("Ranger named policy " + policy + ", not bound on " + table)));
    }
    return applying;
  }

  /** The masks of policies on {@code column} of {@code table} that Ranger finds applying to {@code subject}. */
  public List<BoundMask> masks(Subject subject, Securable table, String column) {
    Map<String, List<BoundMask>> byColumn = masks.get(table.id());
    if (byColumn == null) {
      return List.of();
    }
    String key = column.toLowerCase(Locale.ROOT);
    List<BoundMask> bound = byColumn.get(key);
    if (bound == null) {
      return List.of();
    }
    List<BoundMask> applying = new ArrayList<>(1);
    for (String policy : compiled.dataPolicies(subject, table, key)) {
      applying.add(bound.stream().filter(m -> m.policy().equals(policy)).findFirst()
          .orElseThrow(() -> new IllegalStateException("Ranger named policy " + policy + ", not bound on column " + key)));
    }
    return applying;
  }

  /**
   * The one row filter {@code subject} reads {@code table} under: the table's own ({@code own})
   * or the policy's that applies; two or more fail closed.
   */
  Optional<RowFilter> rowFilter(Subject subject, Securable table, Optional<RowFilter> own) {
    List<BoundFilter> byPolicy = filters(subject, table);
    if (byPolicy.isEmpty()) {
      return own;
    }
    for (BoundFilter f : byPolicy) {
      if (f.conflict() != null) {
        throw new PolicyConflictException(f.conflict());
      }
    }
    if (byPolicy.size() > 1 || own.isPresent()) {
      List<String> names = new ArrayList<>();
      own.ifPresent(f -> names.add("the table's own row filter " + f.function()));
      byPolicy.forEach(f -> names.add("policy " + f.policy()));
      throw new PolicyConflictException("More than one row filter applies to " + subject.name() + " on this table ("
          + String.join(", ", names) + "); at most one may, so the read is refused.");
    }
    return Optional.of(byPolicy.get(0).filter());
  }

  /** The one mask {@code subject} reads {@code column} under: the column's own or a policy's; two or more fail closed. */
  Optional<ColumnMask> mask(Subject subject, Securable table, String column, Optional<ColumnMask> own) {
    List<BoundMask> byPolicy = masks(subject, table, column);
    if (byPolicy.isEmpty()) {
      return own;
    }
    for (BoundMask m : byPolicy) {
      if (m.conflict() != null) {
        throw new PolicyConflictException(m.conflict());
      }
    }
    if (byPolicy.size() > 1 || own.isPresent()) {
      List<String> names = new ArrayList<>();
      own.ifPresent(m -> names.add("the column's own mask " + m.function()));
      byPolicy.forEach(m -> names.add("policy " + m.policy()));
      throw new PolicyConflictException("More than one mask applies to " + subject.name() + " on column " + column
          + " (" + String.join(", ", names) + "); at most one may, so the read is refused.");
    }
    return Optional.of(byPolicy.get(0).mask());
  }
}
