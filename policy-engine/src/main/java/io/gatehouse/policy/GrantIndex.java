package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grants, denies, row filters and column masks of one {@link PolicySnapshot}, indexed for the
 * questions that need no Ranger evaluation: what is granted on a securable or inherited from above
 * it, what a principal holds, whom a deny names, which tables carry a filter or a mask. It also
 * remembers what it was built from, so that a new version of the same policies is renumbered
 * instead of compiled again ({@link PolicyCompiler} does the compiling).
 */
final class GrantIndex {
  private final List<Grant> grants;
  private final List<RowFilter> rowFilters;
  private final List<ColumnMask> masks;
  /** What the snapshot was compiled from, to tell whether a newer version needs compiling at all. */
  private final Set<Grant> grantSet;
  private final Set<List<Object>> dataPolicyKeys;
  /** Principal name to its grants, for listings and explanations. */
  private final Map<String, List<Grant>> grantsByPrincipal;
  /** Securable to the grants made directly on it. */
  private final Map<Securable, List<Grant>> grantsBySecurable;
  /** Principals named by at least one deny: only they need the deny check. */
  private final Set<String> deniedPrincipals;
  /** Tables with at least one mask, to skip Ranger for the rest. */
  private final Set<Securable> maskedTables;
  /** Tables with a row filter. */
  private final Set<Securable> filteredTables;

  GrantIndex(List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
    this.grants = List.copyOf(grants);
    this.rowFilters = List.copyOf(rowFilters);
    this.masks = List.copyOf(masks);
    this.grantSet = Set.copyOf(this.grants);
    this.dataPolicyKeys = dataPolicyKeys(rowFilters, masks);
    this.grantsByPrincipal = indexByPrincipal(this.grants);
    this.grantsBySecurable = indexBySecurable(this.grants);
    Set<String> denied = new HashSet<>();
    this.grants.stream().filter(Grant::deny).forEach(g -> denied.add(g.principal()));
    this.deniedPrincipals = Set.copyOf(denied);
    Set<Securable> filtered = new HashSet<>();
    rowFilters.forEach(f -> filtered.add(f.table()));
    this.filteredTables = Set.copyOf(filtered);
    Set<Securable> masked = new HashSet<>();
    masks.forEach(m -> masked.add(m.table()));
    this.maskedTables = Set.copyOf(masked);
  }

  /** Whether these grants, filters and masks are the ones this index was built from. */
  boolean sameAs(List<Grant> grants, List<RowFilter> rowFilters, List<ColumnMask> masks) {
    return grants.size() == grantSet.size() && grantSet.equals(Set.copyOf(grants))
        && dataPolicyKeys.equals(dataPolicyKeys(rowFilters, masks));
  }

  /** Filters and masks by what decides their effect: the table, column, function and bound body. */
  private static Set<List<Object>> dataPolicyKeys(List<RowFilter> rowFilters, List<ColumnMask> masks) {
    Set<List<Object>> keys = new HashSet<>();
    for (RowFilter f : rowFilters) {
      keys.add(List.of("filter", f.table(), f.function(), f.expression().source()));
    }
    for (ColumnMask m : masks) {
      keys.add(List.of("mask", m.table(), m.column(), m.function(), m.expression().source()));
    }
    return Set.copyOf(keys);
  }

  /** Securable to the grants made directly on it: one Ranger policy each, and its hierarchies below. */
  Map<Securable, List<Grant>> bySecurable() {
    return grantsBySecurable;
  }

  List<RowFilter> rowFilters() {
    return rowFilters;
  }

  List<ColumnMask> masks() {
    return masks;
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
    return maskedTables.contains(table);
  }

  boolean hasRowFilterOrMask(Securable table) {
    return filteredTables.contains(table) || maskedTables.contains(table);
  }

  /** Grants made directly on {@code securable}. */
  List<Grant> grantsOn(Securable securable) {
    return grantsBySecurable.getOrDefault(securable, List.of());
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
      result.addAll(grantsByPrincipal.getOrDefault(Subject.key(name), List.of()));
    }
    return result;
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
