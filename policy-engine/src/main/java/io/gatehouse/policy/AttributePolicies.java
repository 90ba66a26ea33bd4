package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The row filters and column masks that attribute-based policies (Databricks' CREATE POLICY) put
 * on tables, bound to each table's columns when the snapshot was loaded: which tables and columns
 * a policy covers follows from the tags of the snapshot's version, so a table or column tagged
 * later is covered from the version that tagged it. Who a policy applies to (TO, EXCEPT) is
 * decided per reader, by name and effective groups.
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

  private static final AttributePolicies EMPTY = new AttributePolicies(Map.of(), Map.of(), 0);

  private final Map<String, List<BoundFilter>> filters;
  private final Map<String, Map<String, List<BoundMask>>> masks;
  private final int policies;

  private AttributePolicies(Map<String, List<BoundFilter>> filters, Map<String, Map<String, List<BoundMask>>> masks,
      int policies) {
    this.filters = filters;
    this.masks = masks;
    this.policies = policies;
  }

  public static AttributePolicies empty() {
    return EMPTY;
  }

  /** The bindings of {@code policies} policies; tables by id. */
  public static AttributePolicies of(int policies, List<BoundFilter> filters, List<BoundMask> masks) {
    Map<String, List<BoundFilter>> byTable = new HashMap<>();
    for (BoundFilter f : filters) {
      byTable.computeIfAbsent(f.filter().table().id(), t -> new ArrayList<>()).add(f);
    }
    Map<String, Map<String, List<BoundMask>>> byColumn = new HashMap<>();
    for (BoundMask m : masks) {
      byColumn.computeIfAbsent(m.mask().table().id(), t -> new HashMap<>())
          .computeIfAbsent(m.mask().column(), c -> new ArrayList<>()).add(m);
    }
    return new AttributePolicies(Map.copyOf(byTable), Map.copyOf(byColumn), policies);
  }

  /** How many policies the snapshot holds. */
  public int size() {
    return policies;
  }

  /** Whether a policy puts a filter or a mask on {@code table} for anyone. */
  public boolean covers(Securable table) {
    return filters.containsKey(table.id()) || masks.containsKey(table.id());
  }

  /** The filters of policies on {@code table} that apply to {@code subject}. */
  public List<BoundFilter> filters(Subject subject, Securable table) {
    List<BoundFilter> applying = new ArrayList<>(1);
    for (BoundFilter f : filters.getOrDefault(table.id(), List.of())) {
      if (f.principals().appliesTo(subject)) {
        applying.add(f);
      }
    }
    return applying;
  }

  /** The masks of policies on {@code column} of {@code table} that apply to {@code subject}. */
  public List<BoundMask> masks(Subject subject, Securable table, String column) {
    Map<String, List<BoundMask>> byColumn = masks.get(table.id());
    if (byColumn == null) {
      return List.of();
    }
    List<BoundMask> applying = new ArrayList<>(1);
    for (BoundMask m : byColumn.getOrDefault(column.toLowerCase(Locale.ROOT), List.of())) {
      if (m.principals().appliesTo(subject)) {
        applying.add(m);
      }
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
