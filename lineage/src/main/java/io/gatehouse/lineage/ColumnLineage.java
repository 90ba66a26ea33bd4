package io.gatehouse.lineage;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The column-level lineage of one field: the columns reached and the column edges between them.
 *
 * @param truncated the walk stopped at {@link ColumnQuery#maxNodes()} before its depth
 */
public record ColumnLineage(List<Column> columns, List<Edge> edges, boolean truncated) {
  public ColumnLineage {
    columns = List.copyOf(columns);
    edges = List.copyOf(edges);
  }

  /**
   * A field of a dataset.
   *
   * @param id {@link LineageIds#columnId(UUID, String)}; edges refer to columns by it, so a
   *     redacted column hides its field name
   * @param type the field's type from the dataset's schema facet, or null
   * @param depth column edges away from the start
   */
  public record Column(UUID id, UUID datasetId, String namespace, String name, UUID tableId, String tableFullName,
      String field, String type, int depth, boolean redacted) {
    public Column redact() {
      return new Column(id, datasetId, null, null, null, null, null, null, depth, true);
    }
  }

  /**
   * Data of column {@code from} flows into column {@code to} through a job.
   *
   * @param jobId null when a DatasetEvent declared the edge
   * @param transformationType e.g. DIRECT or INDIRECT (or the facet's older field-level type)
   * @param transformations the facet's full list of transformations as JSON, or null
   */
  public record Edge(UUID from, UUID to, UUID jobId, String jobNamespace, String jobName, String transformationType,
      String transformationSubtype, String transformationDescription, String transformations, UUID lastRunId) {}

  /** These columns with every one that {@code visible} refuses redacted. */
  public ColumnLineage redact(Predicate<? super Column> visible) {
    return new ColumnLineage(
        columns.stream().map(c -> c.redacted() || visible.test(c) ? c : c.redact()).toList(), edges, truncated);
  }
}
