package io.gatehouse.server.lineage;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.lineage.LineageNode;
import io.gatehouse.lineage.LineageVisibility;
import io.gatehouse.lineage.Neighbourhood;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Subject;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the caller may see of some datasets and jobs, decided in three statements whatever their
 * number: the tables those datasets map to (read and decided in memory over the caller's policy
 * snapshot, {@link TableVisibility}); the neighbourhood that the rules need (every dataset of
 * each job, the tables next to each external dataset); and the tables that the neighbourhood
 * adds. The rules are {@link LineageVisibility}'s.
 */
final class LineageView {
  private static final UUID NONE = new UUID(0, 0);
  private final LineageVisibility rules;
  /** Visible tables' current full names by id; null for tables that no longer exist. */
  private final Map<UUID, String> tables;

  private LineageView(LineageVisibility rules, Map<UUID, String> tables) {
    this.rules = rules;
    this.tables = tables;
  }

  /**
   * @param mapped the tables that the datasets are known to map to (may be empty; the
   *     neighbourhood finds them too, at the cost of one more decision pass)
   */
  static LineageView of(LineageStore store, AgroalDataSource dataSource, PolicySnapshot snapshot, Subject subject,
      Collection<UUID> datasets, Collection<UUID> jobs, Collection<UUID> mapped) {
    Map<UUID, String> decided = new HashMap<>(TableVisibility.decide(dataSource, snapshot, subject, orNone(mapped)));
    Neighbourhood hood = store.graph().neighbourhood(datasets, jobs, gone(decided));
    Set<UUID> more = hood.tables();
    more.removeAll(decided.keySet());
    decided.putAll(TableVisibility.decide(dataSource, snapshot, subject, orNone(more)));
    LineageVisibility.Tables verdicts = new LineageVisibility.Tables() {
      @Override
      public boolean visible(UUID tableId) {
        return decided.get(tableId) != null;
      }

      @Override
      public boolean gone(UUID tableId) {
        return decided.containsKey(tableId) && decided.get(tableId) == null;
      }
    };
    return new LineageView(new LineageVisibility(hood, verdicts, subject.metastoreAdmin()), decided);
  }

  /**
   * Nothing to decide still runs the statement (over the nil id, which names no table): a view
   * costs the same three statements whether it finds something hidden or nothing at all.
   */
  private static Collection<UUID> orNone(Collection<UUID> ids) {
    return ids.isEmpty() ? Set.of(NONE) : ids;
  }

  private static Set<UUID> gone(Map<UUID, String> decided) {
    Set<UUID> gone = new HashSet<>();
    decided.forEach((id, name) -> {
      if (name == null) {
        gone.add(id);
      }
    });
    return gone;
  }

  boolean dataset(UUID id) {
    return rules.dataset(id);
  }

  boolean job(UUID id) {
    return rules.job(id);
  }

  boolean node(LineageNode node) {
    return rules.node(node);
  }

  /** Visible tables' current full names by id (null: the table no longer exists). */
  Map<UUID, String> tables() {
    return tables;
  }
}
