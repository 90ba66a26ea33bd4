package io.gatehouse.lineage;

import java.util.UUID;

/**
 * A node of a lineage graph: a dataset or a job. A redacted node (one the caller may not see)
 * keeps only its id, kind and depth, so the graph keeps its shape.
 */
public sealed interface LineageNode permits LineageNode.Dataset, LineageNode.Job {
  UUID id();

  /** Jobs away from the start (the start itself is 0). */
  int depth();

  boolean redacted();

  /** This node without anything that names or describes it. */
  LineageNode redact();

  /**
   * A dataset.
   *
   * @param tableId the catalog table it maps to, or null for an external dataset
   * @param tableFullName {@code catalog.schema.table}, or null
   * @param facets its merged facets as JSON, or null when not asked for
   */
  record Dataset(UUID id, int depth, String namespace, String name, UUID tableId, String tableFullName, String facets,
      boolean redacted) implements LineageNode {
    @Override
    public Dataset redact() {
      return new Dataset(id, depth, null, null, null, null, null, true);
    }
  }

  /**
   * A job.
   *
   * @param latestRun the run of its newest event, or null for a job known only from a JobEvent
   * @param facets its merged facets as JSON, or null when not asked for
   */
  record Job(UUID id, int depth, String namespace, String name, RunInfo latestRun, String facets, boolean redacted)
      implements LineageNode {
    @Override
    public Job redact() {
      return new Job(id, depth, null, null, null, null, true);
    }
  }
}
