package io.gatehouse.lineage;

import java.util.Objects;

/**
 * A column-level lineage query: where one field of a dataset comes from or goes to, through the
 * {@code columnLineage} facets of the jobs in between.
 *
 * @param dataset the dataset (or, by {@link NodeRef#table(String)}, every dataset mapped to a table)
 * @param field the field's name, as in the dataset's schema; null for every field of the start at
 *     once (those its schema facet lists and those its column edges name), one walk for them all
 * @param depth column edges (one per job) away from the start, 1 to {@value GraphQuery#MAX_DEPTH}
 * @param maxNodes the walk stops after this many column visits, nearest first
 */
public record ColumnQuery(NodeRef dataset, String field, Direction direction, int depth, int maxNodes) {
  public ColumnQuery {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(direction, "direction");
    if (dataset.kind() == NodeRef.Kind.JOB) {
      throw new IllegalArgumentException("dataset: a column belongs to a dataset, not a job");
    }
    GraphQuery.check("depth", depth, GraphQuery.MAX_DEPTH);
    GraphQuery.check("maxNodes", maxNodes, GraphQuery.MAX_NODES);
  }

  /** Whether the walk starts from every field of the start rather than one. */
  public boolean allFields() {
    return field == null;
  }

  /** Every field of {@code dataset} at once. */
  public static ColumnQuery allFields(NodeRef dataset, Direction direction, int depth, int maxNodes) {
    return new ColumnQuery(dataset, null, direction, depth, maxNodes);
  }

  public static ColumnQuery of(NodeRef dataset, String field, Direction direction, int depth) {
    return new ColumnQuery(dataset, field, direction, depth, 10_000);
  }
}
