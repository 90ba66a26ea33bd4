package io.gatehouse.lineage;

import java.util.Set;
import java.util.UUID;

/**
 * Which datasets and jobs a caller may see, from the catalog's decisions on tables. The rules,
 * each so that nothing shown names or locates what the caller may not browse:
 *
 * <ul>
 *   <li>a dataset mapped to a table: when the caller may see the table;
 *   <li>an external dataset (mapped to no table, or to a dropped one): when the caller may see a
 *       table that it feeds or is fed by through one job; a metastore admin sees every one;
 *   <li>a job: when it reads or writes at least one dataset and the caller may see every one of
 *       them (a job's name, SQL and facets describe its inputs and outputs; Spark even names jobs
 *       after their outputs), else it is a placeholder;
 *   <li>an unknown dataset or job: never, like a hidden one.
 * </ul>
 */
public final class LineageVisibility {
  /** The catalog's answers about tables. */
  public interface Tables {
    /** The caller may see this table. */
    boolean visible(UUID tableId);

    /** This table no longer exists: its datasets count as external. */
    boolean gone(UUID tableId);
  }

  private final Neighbourhood hood;
  private final Tables tables;
  private final boolean everything;

  /** {@code everything}: the caller is a metastore admin, who sees every node. */
  public LineageVisibility(Neighbourhood hood, Tables tables, boolean everything) {
    this.hood = hood;
    this.tables = tables;
    this.everything = everything;
  }

  public boolean dataset(UUID id) {
    if (!hood.tableOf().containsKey(id)) {
      return false;
    }
    if (everything) {
      return true;
    }
    UUID table = hood.tableOf().get(id);
    if (table != null && !tables.gone(table)) {
      return tables.visible(table);
    }
    for (UUID near : hood.tablesAround().getOrDefault(id, Set.of())) {
      if (!tables.gone(near) && tables.visible(near)) {
        return true;
      }
    }
    return false;
  }

  public boolean job(UUID id) {
    Set<UUID> datasets = hood.jobDatasets().get(id);
    if (datasets == null || datasets.isEmpty()) {
      return everything;
    }
    for (UUID d : datasets) {
      if (!dataset(d)) {
        return false;
      }
    }
    return true;
  }

  public boolean node(LineageNode node) {
    return node instanceof LineageNode.Dataset ? dataset(node.id()) : job(node.id());
  }
}
