package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grants, denies, row filters and column masks of one {@link PolicySnapshot}, indexed for the
 * questions that need no Ranger evaluation: what is granted on a securable or inherited from above
 * it, what a principal holds, whom a deny names, which tables carry a filter or a mask.
 *
 * <p>An index is immutable. A change of the grants on a few securables, or of the filters and
 * masks, makes a new index that shares every part the change did not touch ({@link #withGrantsOn},
 * {@link #withDataPolicies}), so that a grant at a million grants costs what it changes.
 */
final class GrantIndex {
  /**
   * Securable id to the grants made directly on it (ids are unique across the catalog), in shards
   * that a change copies only where it touches them.
   */
  private final ShardedMap<List<Grant>> grantsBySecurable;
  /** Principal name to its grants, for listings, explanations and compiling one principal's policies. */
  private final Map<String, List<Grant>> grantsByPrincipal;
  /** Principals named by at least one deny: only they need the deny check. */
  private final Set<String> deniedPrincipals;
  private final DataPolicies data;

  /** Row filters and column masks, and the tables that carry them. */
  private record DataPolicies(List<RowFilter> rowFilters, List<ColumnMask> masks, Set<List<Object>> keys,
      Set<Securable> filteredTables, Set<Securable> maskedTables) {

    static DataPolicies of(List<RowFilter> rowFilters, List<ColumnMask> masks) {
      Set<Securable> filtered = new HashSet<>();
      rowFilters.forEach(f -> filtered.add(f.table()));
      Set<Securable> masked = new HashSet<>();
      masks.forEach(m -> masked.add(m.table()));
      return new DataPolicies(List.copyOf(rowFilters), List.copyOf(masks), keys(rowFilters, masks), Set.copyOf(filtered),
          Set.copyOf(masked));
    }

    /** Filters and masks by what decides their effect: the table, column, function and bound body. */
    static Set<List<Object>> keys(List<RowFilter> rowFilters, List<ColumnMask> masks) {
      Set<List<Object>> keys = new HashSet<>();
      for (RowFilter f : rowFilters) {
        keys.add(List.of("filter", f.table(), f.function(), f.expression().source()));
      }
      for (ColumnMask m : masks) {
        keys.add(List.of("mask", m.table(), m.column(), m.function(), m.expression().source()));
      }
      return Set.copyOf(keys);
    }
  }

  /** A new index, and the principals whose grants it changed with the securables they changed on. */
  record Changed(GrantIndex index, Map<String, Set<Securable>> principals) {}

  GrantIndex(List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
    this(bySecurable(grants), byPrincipal(grants), denied(grants), DataPolicies.of(rowFilters, masks));
  }

  private GrantIndex(ShardedMap<List<Grant>> grantsBySecurable, Map<String, List<Grant>> grantsByPrincipal,
      Set<String> deniedPrincipals, DataPolicies data) {
    this.grantsBySecurable = grantsBySecurable;
    this.grantsByPrincipal = grantsByPrincipal;
    this.deniedPrincipals = deniedPrincipals;
    this.data = data;
  }

  /**
   * This index with the grants made on the securables {@code ids} replaced by {@code grants}, the
   * grants those securables hold now (none for a securable dropped or emptied).
   *
   * @throws IllegalArgumentException if one of {@code grants} is on a securable not in {@code ids}
   */
  Changed withGrantsOn(Set<String> ids, List<Grant> grants) {
    Map<String, Set<Securable>> touched = new HashMap<>();
    Set<Grant> removed = new HashSet<>();
    ShardedMap.Builder<List<Grant>> bySecurable = grantsBySecurable.toBuilder();
    for (String id : ids) {
      List<Grant> held = bySecurable.get(id);
      if (held != null) {
        for (Grant g : held) {
          touched.computeIfAbsent(g.principal(), k -> new HashSet<>()).add(g.securable());
          removed.add(g);
        }
        bySecurable.remove(id);
      }
    }
    for (Grant g : grants) {
      if (!ids.contains(g.securable().id())) {
        throw new IllegalArgumentException("a grant on " + g.securable() + ", which is not among the changed securables");
      }
      touched.computeIfAbsent(g.principal(), k -> new HashSet<>()).add(g.securable());
    }
    bySecurableId(grants).forEach(bySecurable::put);

    Map<String, List<Grant>> byPrincipal = new HashMap<>(grantsByPrincipal);
    Set<String> denied = new HashSet<>(deniedPrincipals);
    Map<String, List<Grant>> added = byPrincipal(grants);
    for (String principal : touched.keySet()) {
      List<Grant> held = new ArrayList<>();
      for (Grant g : grantsByPrincipal.getOrDefault(principal, List.of())) {
        if (!removed.contains(g)) {
          held.add(g);
        }
      }
      held.addAll(added.getOrDefault(principal, List.of()));
      if (held.isEmpty()) {
        byPrincipal.remove(principal);
      } else {
        byPrincipal.put(principal, List.copyOf(held));
      }
      denied.remove(principal);
      if (held.stream().anyMatch(Grant::deny)) {
        denied.add(principal);
      }
    }
    GrantIndex next = new GrantIndex(bySecurable.build(), Collections.unmodifiableMap(byPrincipal),
        Set.copyOf(denied), data);
    return new Changed(next, touched);
  }

  /** This index with other row filters and column masks, and the same grants. */
  GrantIndex withDataPolicies(List<RowFilter> rowFilters, List<ColumnMask> masks) {
    return new GrantIndex(grantsBySecurable, grantsByPrincipal, deniedPrincipals, DataPolicies.of(rowFilters, masks));
  }

  /** Whether these grants are the ones this index holds. */
  boolean sameGrants(List<Grant> grants) {
    Map<String, Set<Grant>> given = new HashMap<>();
    for (Grant g : grants) {
      given.computeIfAbsent(g.securable().id(), k -> new HashSet<>()).add(g);
    }
    if (given.size() != grantsBySecurable.size()) {
      return false;
    }
    for (Map.Entry<String, Set<Grant>> entry : given.entrySet()) {
      List<Grant> held = grantsBySecurable.get(entry.getKey());
      if (held == null || held.size() != entry.getValue().size() || !entry.getValue().containsAll(held)) {
        return false;
      }
    }
    return true;
  }

  /** Whether these filters and masks are the ones this index holds. */
  boolean sameDataPolicies(List<RowFilter> rowFilters, List<ColumnMask> masks) {
    return data.keys().equals(DataPolicies.keys(rowFilters, masks));
  }

  /** The principals holding at least one grant or deny. */
  Set<String> principals() {
    return grantsByPrincipal.keySet();
  }

  /** The grants and denies of one principal, by its key. */
  List<Grant> grantsOf(String principal) {
    return grantsByPrincipal.getOrDefault(principal, List.of());
  }

  List<RowFilter> rowFilters() {
    return data.rowFilters();
  }

  List<ColumnMask> masks() {
    return data.masks();
  }

  /** Whether a deny names {@code subject} or one of its groups: only then can a deny change its answers. */
  boolean mayBeDenied(Subject subject) {
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

  boolean isMasked(Securable table) {
    return data.maskedTables().contains(table);
  }

  boolean hasRowFilterOrMask(Securable table) {
    return data.filteredTables().contains(table) || data.maskedTables().contains(table);
  }

  /** Grants made directly on {@code securable}. */
  List<Grant> grantsOn(Securable securable) {
    List<Grant> grants = grantsBySecurable.get(securable.id());
    if (grants == null) {
      return List.of();
    }
    // Ids are unique across types; a securable of another type under the same id holds nothing here.
    return grants.get(0).securable().equals(securable) ? grants
        : grants.stream().filter(g -> g.securable().equals(securable)).toList();
  }

  /** Grants on {@code securable} and on every container above it: what it inherits. */
  List<Grant> effectiveGrantsOn(Securable securable) {
    List<Grant> result = new ArrayList<>();
    for (Securable s : securable.selfAndAncestors()) {
      result.addAll(grantsOn(s));
    }
    return result;
  }

  /** Every grant to any of {@code names} (a subject's name and groups). */
  List<Grant> grantsTo(Set<String> names) {
    List<Grant> result = new ArrayList<>();
    for (String name : names) {
      result.addAll(grantsOf(Subject.key(name)));
    }
    return result;
  }

  private static Set<String> denied(List<Grant> grants) {
    Set<String> denied = new HashSet<>();
    grants.stream().filter(Grant::deny).forEach(g -> denied.add(g.principal()));
    return Set.copyOf(denied);
  }

  private static Map<String, List<Grant>> byPrincipal(List<Grant> grants) {
    Map<String, List<Grant>> index = new HashMap<>();
    for (Grant g : grants) {
      index.computeIfAbsent(g.principal(), k -> new ArrayList<>()).add(g);
    }
    return Map.copyOf(index);
  }

  private static ShardedMap<List<Grant>> bySecurable(List<Grant> grants) {
    ShardedMap.Builder<List<Grant>> index = ShardedMap.<List<Grant>>empty().toBuilder();
    bySecurableId(grants).forEach(index::put);
    return index.build();
  }

  private static Map<String, List<Grant>> bySecurableId(List<Grant> grants) {
    Map<String, List<Grant>> index = new HashMap<>();
    for (Grant g : grants) {
      index.computeIfAbsent(g.securable().id(), k -> new ArrayList<>()).add(g);
    }
    index.replaceAll((id, held) -> List.copyOf(held));
    return index;
  }
}
