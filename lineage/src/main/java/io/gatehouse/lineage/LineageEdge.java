package io.gatehouse.lineage;

import java.util.UUID;

/**
 * A job reads a dataset ({@code output == false}) or writes it ({@code output == true}).
 *
 * @param lastRun the run of the newest event that showed this edge; null when only a JobEvent
 *     declared it
 */
public record LineageEdge(UUID datasetId, UUID jobId, boolean output, RunInfo lastRun) {
  /** Where data flows from: the dataset for an input, the job for an output. */
  public UUID from() {
    return output ? jobId : datasetId;
  }

  /** Where data flows to. */
  public UUID to() {
    return output ? datasetId : jobId;
  }
}
