package io.gatehouse.server.lineage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.lineage.ColumnLineage;
import io.gatehouse.lineage.LineageEdge;
import io.gatehouse.lineage.LineageNode;
import io.gatehouse.lineage.PublicIds;
import io.gatehouse.lineage.RunInfo;
import io.gatehouse.lineage.TableRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Wire shapes of the lineage API ({@code /api/v1/lineage}, {@code /api/gatehouse/v1/lineage}),
 * mapped explicitly from the lineage module's results. Every dataset, job and column id is its
 * public form ({@link PublicIds}); a redacted node carries only its id, kind, depth and
 * {@code redacted: true}.
 */
public final class LineageApi {
  private LineageApi() {}

  public enum Kind { DATASET, JOB }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Accepted(UUID eventId, boolean duplicate) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record BatchAccepted(int received, int duplicates, List<UUID> eventIds) {}

  /** What a mapped dataset maps to. */
  public enum MappedType { TABLE, MODEL_VERSION }

  /**
   * The catalog table, or registered model version, that a dataset maps to: a table by its full
   * name; a model version by its model's full name and its number.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TableLink(UUID id, String fullName, MappedType securableType, Long version) {
    static TableLink of(UUID id, String mappedName) {
      if (!TableRef.isModelVersion(mappedName)) {
        return new TableLink(id, mappedName, MappedType.TABLE, null);
      }
      int slash = mappedName.lastIndexOf('/');
      return new TableLink(id, mappedName.substring(0, slash), MappedType.MODEL_VERSION,
          Long.parseLong(mappedName.substring(slash + 1)));
    }
  }

  private static TableLink link(UUID id, String storedName, boolean redacted, Map<UUID, String> tables) {
    if (id == null || redacted || (tables.containsKey(id) && tables.get(id) == null)) {
      return null;
    }
    return TableLink.of(id, tables.getOrDefault(id, storedName));
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Run(UUID id, String state, Instant startedAt, Instant endedAt, Instant lastEventTime) {
    static Run of(RunInfo run) {
      return run == null ? null : new Run(run.id(), run.state(), run.startedAt(), run.endedAt(), run.lastEventTime());
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Node(UUID id, Kind kind, int depth, String namespace, String name, TableLink table, Run latestRun,
      @JsonRawValue String facets, boolean redacted) {
    /**
     * {@code tables}: current full names of the visible mapped tables by id (null for a table
     * that no longer exists, whose dataset shows as unmapped); {@code facets}: the facets the
     * caller may read ({@link io.gatehouse.lineage.FacetFilter}), or null.
     */
    static Node of(LineageNode node, Map<UUID, String> tables, PublicIds ids, String facets) {
      if (node instanceof LineageNode.Dataset d) {
        TableLink table = link(d.tableId(), d.tableFullName(), d.redacted(), tables);
        return new Node(ids.hide(d.id()), Kind.DATASET, d.depth(), d.namespace(), d.name(), table, null, facets,
            d.redacted());
      }
      LineageNode.Job j = (LineageNode.Job) node;
      return new Node(ids.hide(j.id()), Kind.JOB, j.depth(), j.namespace(), j.name(), null, Run.of(j.latestRun()),
          facets, j.redacted());
    }

    /** A placeholder: id, kind and depth. */
    static Node hidden(LineageNode node, PublicIds ids) {
      return of(node.redact(), Map.of(), ids, null);
    }
  }

  /** Data flows from {@code from} to {@code to}: dataset to job for an input, job to dataset for an output. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Edge(UUID from, UUID to, UUID datasetId, UUID jobId, String role, Run lastRun) {
    static Edge of(LineageEdge e, PublicIds ids) {
      return new Edge(ids.hide(e.from()), ids.hide(e.to()), ids.hide(e.datasetId()), ids.hide(e.jobId()),
          e.output() ? "OUTPUT" : "INPUT", Run.of(e.lastRun()));
    }
  }

  /**
   * One page of a lineage graph.
   *
   * @param totalNodes nodes of the whole walk, every page
   * @param truncated the walk stopped at {@code max_nodes} before its depth
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Graph(List<Node> nodes, List<Edge> edges, boolean startFound, int totalNodes, boolean truncated,
      @JsonInclude(JsonInclude.Include.NON_NULL) String nextPageToken) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Column(UUID id, UUID datasetId, String namespace, String name, TableLink table, String field,
      String type, int depth, boolean redacted) {
    static Column of(ColumnLineage.Column c, Map<UUID, String> tables, PublicIds ids) {
      TableLink table = link(c.tableId(), c.tableFullName(), c.redacted(), tables);
      return new Column(ids.hide(c.id()), ids.hide(c.datasetId()), c.namespace(), c.name(), table, c.field(), c.type(),
          c.depth(), c.redacted());
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JobRef(UUID id, String namespace, String name, Boolean redacted) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ColumnEdge(UUID from, UUID to, JobRef job, String transformationType, String transformationSubtype,
      String transformationDescription, @JsonRawValue String transformations, UUID lastRunId) {
    /**
     * {@code jobShown}: the caller may see the edge's job (else it is only an id);
     * {@code described}: the caller may see the job and both columns, so the transformation's
     * free-text description and full list (which may name the columns' inputs) are kept.
     */
    static ColumnEdge of(ColumnLineage.Edge e, PublicIds ids, boolean jobShown, boolean described) {
      JobRef job = e.jobId() == null ? null
          : jobShown ? new JobRef(ids.hide(e.jobId()), e.jobNamespace(), e.jobName(), null)
          : new JobRef(ids.hide(e.jobId()), null, null, true);
      return new ColumnEdge(ids.hide(e.from()), ids.hide(e.to()), job, e.transformationType(),
          e.transformationSubtype(), described ? e.transformationDescription() : null,
          described ? e.transformations() : null, e.lastRunId());
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ColumnGraph(List<Column> columns, List<ColumnEdge> edges, boolean truncated) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record SearchResult(List<Node> nodes) {}

  /** What the catalog says about a dataset's table: for the details of a visible dataset. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TableDetails(UUID id, String fullName, String tableType, String dataSourceFormat,
      String storageLocation, String owner, String comment, @JsonRawValue String columns,
      @JsonRawValue String tags, Instant updatedAt) {}

  /** A dataset and the jobs next to it, each with the last run that showed the edge. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DatasetDetails(Node dataset, TableDetails table, ModelVersionDetails modelVersion,
      List<Neighbour> producers, List<Neighbour> consumers) {}

  /**
   * What the catalog says about a dataset's model version, for a caller who may see its model:
   * the model's owner and comment, the version's status and times (not its source, run or
   * storage, which reading a version needs EXECUTE for).
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ModelVersionDetails(UUID id, String fullName, long version, String status, String owner,
      String comment, Instant createdAt, Instant updatedAt) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JobDetails(Node job, List<Neighbour> inputs, List<Neighbour> outputs) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Neighbour(Node node, Run lastRun) {}
}
