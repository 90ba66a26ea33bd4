package io.gatehouse.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One validated event, reduced to what the projection needs; the raw JSON travels along to be
 * stored as received.
 *
 * @param eventType the run event's type, null for dataset and job events or when absent
 * @param runId null unless a run event
 * @param job null for a dataset event
 * @param dataset the dataset of a dataset event, else null
 */
record ParsedEvent(
    UUID id,
    Kind kind,
    String json,
    Instant eventTime,
    String eventType,
    UUID runId,
    ObjectNode runFacets,
    JobInfo job,
    List<DatasetInfo> inputs,
    List<DatasetInfo> outputs,
    DatasetInfo dataset,
    List<ColumnEdgeInfo> columnEdges) {

  enum Kind {
    RUN,
    DATASET,
    JOB
  }

  record JobInfo(UUID id, String namespace, String name, ObjectNode facets) {}

  /** A dataset as an event names it; {@code symlinks} are its other names (namespace, name). */
  record DatasetInfo(UUID id, String namespace, String name, ObjectNode facets, List<Name> symlinks) {}

  record Name(String namespace, String name) {}

  /** One input field of one output field of a columnLineage facet. */
  record ColumnEdgeInfo(
      UUID outputDatasetId,
      String outputField,
      Name input,
      UUID inputDatasetId,
      String inputField,
      String transformationType,
      String transformationSubtype,
      String transformationDescription,
      JsonNode transformations) {}
}
