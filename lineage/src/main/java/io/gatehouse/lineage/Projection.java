package io.gatehouse.lineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.lineage.ParsedEvent.ColumnEdgeInfo;
import io.gatehouse.lineage.ParsedEvent.DatasetInfo;
import io.gatehouse.lineage.ParsedEvent.Kind;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The graph rows that a set of events projects to, one row per key, merged in memory by the same
 * rules as the upserts in {@link IngestStatement} apply against the stored rows: facets merge per
 * facet name with the newer event winning, a run's state goes to the newer event (ties to the
 * further state), an edge keeps the run of its newest event. Rows come out sorted by key, so
 * concurrent transactions lock rows in one order.
 */
final class Projection {
  static final Map<String, Integer> STATE_RANK =
      Map.of("START", 1, "RUNNING", 2, "COMPLETE", 3, "ABORT", 3, "FAIL", 3);

  final Map<UUID, DatasetRow> datasets = new TreeMap<>();
  final Map<UUID, JobRow> jobs = new TreeMap<>();
  final Map<UUID, RunRow> runs = new TreeMap<>();
  final Map<EdgeKey, EdgeRow> edges = new TreeMap<>();
  final Map<ColumnKey, ColumnRow> columns = new TreeMap<>();

  static final class Facets {
    ObjectNode facets = EventParser.MAPPER.createObjectNode();
    Instant time;

    void merge(ObjectNode incoming, Instant eventTime) {
      if (incoming == null || incoming.isEmpty()) {
        return;
      }
      if (time == null || !eventTime.isBefore(time)) {
        facets.setAll(incoming);
        time = eventTime;
      } else {
        incoming.fields().forEachRemaining(e -> {
          if (!facets.has(e.getKey())) {
            facets.set(e.getKey(), e.getValue());
          }
        });
      }
    }
  }

  static final class DatasetRow {
    final DatasetInfo info;
    final Facets facets = new Facets();
    TableRef table;
    boolean resolved;

    DatasetRow(DatasetInfo info) {
      this.info = info;
    }
  }

  static final class JobRow {
    final ParsedEvent.JobInfo info;
    final Facets facets = new Facets();
    UUID latestRunId;
    Instant latestRunTime;

    JobRow(ParsedEvent.JobInfo info) {
      this.info = info;
    }
  }

  static final class RunRow {
    final UUID id;
    final UUID jobId;
    String state = "OTHER";
    Instant stateTime;
    Instant startedAt;
    Instant endedAt;
    Instant lastEventTime;
    final Facets facets = new Facets();

    RunRow(UUID id, UUID jobId) {
      this.id = id;
      this.jobId = jobId;
    }
  }

  record EdgeKey(UUID datasetId, boolean output, UUID jobId) implements Comparable<EdgeKey> {
    private static final Comparator<EdgeKey> ORDER =
        Comparator.comparing(EdgeKey::datasetId).thenComparing(EdgeKey::output).thenComparing(EdgeKey::jobId);

    @Override
    public int compareTo(EdgeKey o) {
      return ORDER.compare(this, o);
    }
  }

  static final class EdgeRow {
    UUID lastRunId;
    Instant updatedAt;
  }

  record ColumnKey(UUID outputDatasetId, String outputField, UUID inputDatasetId, String inputField, UUID jobId)
      implements Comparable<ColumnKey> {
    private static final Comparator<ColumnKey> ORDER =
        Comparator.comparing(ColumnKey::outputDatasetId)
            .thenComparing(ColumnKey::outputField)
            .thenComparing(ColumnKey::inputDatasetId)
            .thenComparing(ColumnKey::inputField)
            .thenComparing(ColumnKey::jobId);

    @Override
    public int compareTo(ColumnKey o) {
      return ORDER.compare(this, o);
    }
  }

  static final class ColumnRow {
    ColumnEdgeInfo info;
    UUID lastRunId;
    Instant updatedAt;
  }

  void add(ParsedEvent event) {
    Instant time = event.eventTime();
    if (event.kind() == Kind.DATASET) {
      dataset(event.dataset(), time);
    } else {
      JobRow job = jobs.computeIfAbsent(event.job().id(), id -> new JobRow(event.job()));
      job.facets.merge(event.job().facets(), time);
      if (event.runId() != null) {
        if (job.latestRunId == null
            || (job.latestRunId.equals(event.runId()) && time.isBefore(job.latestRunTime))
            || (!job.latestRunId.equals(event.runId()) && time.isAfter(job.latestRunTime))) {
          job.latestRunId = event.runId();
          job.latestRunTime = time;
        }
        run(event);
      }
      for (DatasetInfo input : event.inputs()) {
        dataset(input, time);
        edge(new EdgeKey(input.id(), false, job.info.id()), event.runId(), time);
      }
      for (DatasetInfo output : event.outputs()) {
        dataset(output, time);
        edge(new EdgeKey(output.id(), true, job.info.id()), event.runId(), time);
      }
    }
    UUID jobId = event.job() == null ? LineageIds.NO_JOB : event.job().id();
    for (ColumnEdgeInfo edge : event.columnEdges()) {
      if (!datasets.containsKey(edge.inputDatasetId())) {
        dataset(new DatasetInfo(edge.inputDatasetId(), edge.input().namespace(), edge.input().name(),
            EventParser.MAPPER.createObjectNode(), List.of()), time);
      }
      var key = new ColumnKey(edge.outputDatasetId(), edge.outputField(), edge.inputDatasetId(), edge.inputField(), jobId);
      ColumnRow row = columns.computeIfAbsent(key, k -> new ColumnRow());
      if (row.updatedAt == null || time.isAfter(row.updatedAt)) {
        row.info = edge;
        row.lastRunId = event.runId();
        row.updatedAt = time;
      }
    }
  }

  private void dataset(DatasetInfo info, Instant time) {
    datasets.computeIfAbsent(info.id(), id -> new DatasetRow(info)).facets.merge(info.facets(), time);
  }

  private void run(ParsedEvent event) {
    Instant time = event.eventTime();
    RunRow run = runs.computeIfAbsent(event.runId(), id -> new RunRow(id, event.job().id()));
    String type = event.eventType() == null ? "OTHER" : event.eventType();
    int rank = STATE_RANK.getOrDefault(type, 0);
    if (rank > 0) {
      int current = STATE_RANK.getOrDefault(run.state, 0);
      if (run.stateTime == null || time.isAfter(run.stateTime) || (time.equals(run.stateTime) && rank > current)) {
        run.state = type;
        run.stateTime = time;
      }
      if (rank == 1 && (run.startedAt == null || time.isBefore(run.startedAt))) {
        run.startedAt = time;
      }
      if (rank == 3 && (run.endedAt == null || time.isAfter(run.endedAt))) {
        run.endedAt = time;
      }
    }
    if (run.lastEventTime == null || time.isAfter(run.lastEventTime)) {
      run.lastEventTime = time;
    }
    run.facets.merge(event.runFacets(), time);
  }

  private void edge(EdgeKey key, UUID runId, Instant time) {
    EdgeRow row = edges.computeIfAbsent(key, k -> new EdgeRow());
    if (row.updatedAt == null) {
      row.lastRunId = runId;
      row.updatedAt = time;
    } else if (runId != null
        && (row.lastRunId == null || (!runId.equals(row.lastRunId) && time.isAfter(row.updatedAt)))) {
      row.lastRunId = runId;
      row.updatedAt = time;
    } else if (runId != null && runId.equals(row.lastRunId) && time.isBefore(row.updatedAt)) {
      row.updatedAt = time;
    }
  }
}
