package io.gatehouse.lineage;

import java.util.Objects;

/**
 * A column-level lineage query: where one field of a dataset comes from or goes to, through the
 * {@code columnLineage} facets of the jobs in between.
 *
 * @param dataset the dataset (or, by {@link NodeRef#table(String)}, every dataset mapped to a table)
 * @param field the field's name, as in the dataset's schema
 * @param depth column edges (one per job) away from the start, 1 to {@value GraphQuery#MAX_DEPTH}
 * @param maxNodes the walk stops after this many column visits, nearest first
 */
public record ColumnQuery(NodeRef dataset, String field, Direction direction, int depth, int maxNodes) {
  public ColumnQuery {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(direction, "direction");
    if (dataset.kind() == NodeRef.Kind.JOB) {
      throw new IllegalArgumentException("dataset: a column belongs to a dataset, not a job");
    }
    GraphQuery.check("depth", depth, GraphQuery.MAX_DEPTH);
    GraphQuery.check("maxNodes", maxNodes, GraphQuery.MAX_NODES);
  }

  public static ColumnQuery of(NodeRef dataset, String field, Direction direction, int depth) {
    return new ColumnQuery(dataset, field, direction, depth, 10_000);
  }
}
