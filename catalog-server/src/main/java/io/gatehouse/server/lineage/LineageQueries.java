package io.gatehouse.server.lineage;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.lineage.ColumnLineage;
import io.gatehouse.lineage.ColumnQuery;
import io.gatehouse.lineage.Direction;
import io.gatehouse.lineage.GraphQuery;
import io.gatehouse.lineage.LineageGraphResult;
import io.gatehouse.lineage.LineageNode;
import io.gatehouse.lineage.LineageStoreException;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.lineage.LineageApi.Neighbour;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The graph API's answers for the current caller. Every page is filtered in one pass: the
 * mapped tables of its datasets are read in one statement and decided in memory over the
 * caller's policy snapshot ({@link TableVisibility}); a dataset whose table the caller may not
 * see becomes a placeholder with only its id, kind and depth. Jobs and datasets mapped to no
 * table are shown to every caller, since the catalog has nothing to grant on them (see
 * docs/lineage.md). The start itself must be visible, else 403.
 */
@ApplicationScoped
public class LineageQueries {
  private static final String TABLE_DETAILS = """
      SELECT table_type, data_source_format, storage_location, owner, comment, columns::text, tags::text, updated_at
      FROM tables WHERE id = ?
      """;

  private final LineageStore store;
  private final Authorizer authorizer;
  private final AgroalDataSource dataSource;

  LineageQueries(LineageStore store, Authorizer authorizer, AgroalDataSource dataSource) {
    this.store = store;
    this.authorizer = authorizer;
    this.dataSource = dataSource;
  }

  public LineageApi.Graph graph(LineageStart start, Direction direction, int depth, int maxNodes, int pageSize,
      String pageToken, boolean facets) {
    LineageGraphResult result = lineage(new GraphQuery(start.ref(), direction, depth, maxNodes, pageSize, pageToken, facets));
    Map<UUID, String> visible = visibleTables(datasetTables(result.nodes()));
    LineageGraphResult shown = result.redact(n -> visible(n, visible));
    return new LineageApi.Graph(
        shown.nodes().stream().map(n -> LineageApi.Node.of(n, visible)).toList(),
        shown.edges().stream().map(LineageApi.Edge::of).toList(),
        shown.startFound(), shown.totalNodes(), shown.truncated(), shown.nextPageToken());
  }

  public LineageApi.ColumnGraph columns(LineageStart start, String field, Direction direction, int depth, int maxNodes) {
    if (start.ref().kind() == io.gatehouse.lineage.NodeRef.Kind.JOB) {
      throw GatehouseException.invalid("Column lineage starts at a table or dataset, not a job.");
    }
    ColumnLineage result = store.graph().columnLineage(new ColumnQuery(start.ref(), field, direction, depth, maxNodes));
    Set<UUID> tableIds = new HashSet<>();
    result.columns().forEach(c -> {
      if (c.tableId() != null) {
        tableIds.add(c.tableId());
      }
    });
    Map<UUID, String> visible = visibleTables(tableIds);
    ColumnLineage shown = result.redact(c -> c.tableId() == null || visible.containsKey(c.tableId()));
    return new LineageApi.ColumnGraph(
        shown.columns().stream().map(c -> LineageApi.Column.of(c, visible)).toList(),
        shown.edges().stream().map(LineageApi.ColumnEdge::of).toList(),
        shown.truncated());
  }

  /** Datasets and jobs matching {@code text} that the caller may see; invisible matches are left out. */
  public LineageApi.SearchResult search(String text, int limit) {
    List<LineageNode> found = store.graph().search(text, Math.min(1_000, limit * 5));
    Map<UUID, String> visible = visibleTables(datasetTables(found));
    List<LineageApi.Node> datasets = new ArrayList<>();
    List<LineageApi.Node> jobs = new ArrayList<>();
    for (LineageNode n : found) {
      if (visible(n, visible)) {
        List<LineageApi.Node> list = n instanceof LineageNode.Dataset ? datasets : jobs;
        if (list.size() < limit) {
          list.add(LineageApi.Node.of(n, visible));
        }
      }
    }
    datasets.addAll(jobs);
    authorizer.audit("SEARCH_LINEAGE", null, AuditEvent.Result.ALLOWED, null);
    return new LineageApi.SearchResult(datasets);
  }

  /** A dataset with its facets, its table as the catalog describes it, and the jobs that write and read it. */
  public LineageApi.DatasetDetails dataset(LineageStart start) {
    LineageNode.Dataset dataset = start.dataset();
    Map<UUID, String> names = dataset.tableId() == null ? Map.of() : visibleTables(Set.of(dataset.tableId()));
    LineageGraphResult around = lineage(new GraphQuery(start.ref(), Direction.BOTH, 1, 10_000, 10_000, null, false));
    Map<UUID, LineageNode> jobs = byId(around.nodes(), n -> n instanceof LineageNode.Job);
    List<Neighbour> producers = new ArrayList<>();
    List<Neighbour> consumers = new ArrayList<>();
    around.edges().stream().filter(e -> e.datasetId().equals(dataset.id())).forEach(e -> {
      LineageNode job = jobs.get(e.jobId());
      if (job != null) {
        (e.output() ? producers : consumers).add(new Neighbour(LineageApi.Node.of(job, Map.of()), LineageApi.Run.of(e.lastRun())));
      }
    });
    LineageApi.TableDetails table = dataset.tableId() == null || names.get(dataset.tableId()) == null ? null
        : tableDetails(dataset.tableId(), names.get(dataset.tableId()));
    return new LineageApi.DatasetDetails(LineageApi.Node.of(dataset, names), table, producers, consumers);
  }

  /** A job with its facets and latest run, and the datasets it reads and writes (redacted as in a graph). */
  public LineageApi.JobDetails job(LineageStart start) {
    LineageGraphResult around = lineage(new GraphQuery(start.ref(), Direction.BOTH, 1, 10_000, 10_000, null, false));
    Map<UUID, String> visible = visibleTables(datasetTables(around.nodes()));
    Map<UUID, LineageNode> datasets = byId(around.redact(n -> visible(n, visible)).nodes(), n -> n instanceof LineageNode.Dataset);
    List<Neighbour> inputs = new ArrayList<>();
    List<Neighbour> outputs = new ArrayList<>();
    around.edges().stream().filter(e -> e.jobId().equals(start.ref().id())).forEach(e -> {
      LineageNode d = datasets.get(e.datasetId());
      if (d != null) {
        (e.output() ? outputs : inputs).add(new Neighbour(LineageApi.Node.of(d, visible), LineageApi.Run.of(e.lastRun())));
      }
    });
    return new LineageApi.JobDetails(LineageApi.Node.of(start.job(), Map.of()), inputs, outputs);
  }

  private LineageGraphResult lineage(GraphQuery query) {
    try {
      return store.graph().lineage(query);
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("page_token is not a token of this query.");
    }
  }

  /** Whether a node is shown as it is: jobs and unmapped datasets always, mapped ones if their table is visible. */
  static boolean visible(LineageNode node, Map<UUID, String> visibleTables) {
    return !(node instanceof LineageNode.Dataset d) || d.tableId() == null || visibleTables.containsKey(d.tableId());
  }

  /** See {@link TableVisibility#decide}: visible tables' current names, dropped tables mapped to null. */
  Map<UUID, String> visibleTables(Set<UUID> ids) {
    return TableVisibility.decide(dataSource, authorizer.snapshot(), authorizer.subject(), ids);
  }

  private static Set<UUID> datasetTables(List<LineageNode> nodes) {
    Set<UUID> ids = new HashSet<>();
    for (LineageNode n : nodes) {
      if (n instanceof LineageNode.Dataset d && d.tableId() != null) {
        ids.add(d.tableId());
      }
    }
    return ids;
  }

  private static Map<UUID, LineageNode> byId(List<LineageNode> nodes, java.util.function.Predicate<LineageNode> keep) {
    Map<UUID, LineageNode> map = new HashMap<>();
    nodes.stream().filter(keep).forEach(n -> map.put(n.id(), n));
    return map;
  }

  private LineageApi.TableDetails tableDetails(UUID id, String fullName) {
    if (fullName == null) {
      return null;
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TABLE_DETAILS)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Timestamp updated = rs.getTimestamp(8);
        String tags = rs.getString(7);
        return new LineageApi.TableDetails(id, fullName, rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), "{}".equals(tags) ? null : tags,
            updated == null ? null : updated.toInstant());
      }
    } catch (SQLException e) {
      throw new LineageStoreException("Could not read a table's details", e);
    }
  }

  static GatehouseException denied(String what) {
    return new GatehouseException(ErrorCode.PERMISSION_DENIED, what);
  }
}
