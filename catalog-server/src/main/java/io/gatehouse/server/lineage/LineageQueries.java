package io.gatehouse.server.lineage;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.lineage.ColumnLineage;
import io.gatehouse.lineage.ColumnQuery;
import io.gatehouse.lineage.Direction;
import io.gatehouse.lineage.FacetFilter;
import io.gatehouse.lineage.GraphQuery;
import io.gatehouse.lineage.LineageGraphResult;
import io.gatehouse.lineage.LineageNode;
import io.gatehouse.lineage.LineageStoreException;
import io.gatehouse.lineage.PublicIds;
import io.gatehouse.lineage.TableRef;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
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
 * The graph API's answers for the current caller. Every answer is filtered in one pass over what
 * it holds ({@link LineageView}: three statements, decisions in memory over the caller's policy
 * snapshot): a node the caller may not see becomes a placeholder with only its public id, kind
 * and depth; visible nodes keep only the facets that name nothing hidden ({@link FacetFilter});
 * column edges lose the names of hidden jobs and the free text of transformations that touch
 * anything hidden. The start itself must be visible, else 404 as for something unknown (see
 * {@link LineageStart}). Ids in and out are public ids ({@link PublicIds}); page tokens are
 * sealed.
 */
@ApplicationScoped
public class LineageQueries {
  private static final String TABLE_DETAILS = """
      SELECT table_type, data_source_format, storage_location, owner, comment, columns::text, tags::text, updated_at
      FROM tables WHERE id = ?
      """;
  private static final String MODEL_VERSION_DETAILS = """
      SELECT v.status, m.owner, m.comment, v.created_at, v.updated_at
      FROM model_versions v JOIN registered_models m ON m.id = v.model_id WHERE v.id = ?
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
    PublicIds ids = store.ids();
    String token = pageToken == null ? null
        : ids.open(pageToken).orElseThrow(() -> GatehouseException.invalid("page_token is not a token of this query."));
    LineageGraphResult result = lineage(new GraphQuery(start.ref(), direction, depth, maxNodes, pageSize, token, facets));
    LineageView view = view(result.nodes(), facets);
    return new LineageApi.Graph(
        result.nodes().stream().map(n -> node(n, view)).toList(),
        result.edges().stream().map(e -> LineageApi.Edge.of(e, ids)).toList(),
        result.startFound(), result.totalNodes(), result.truncated(), ids.seal(result.nextPageToken()));
  }

  public LineageApi.ColumnGraph columns(LineageStart start, String field, Direction direction, int depth, int maxNodes) {
    if (start.ref().kind() == io.gatehouse.lineage.NodeRef.Kind.JOB) {
      throw GatehouseException.invalid("Column lineage starts at a table or dataset, not a job.");
    }
    PublicIds ids = store.ids();
    // A null field walks from every column of the start at once; the filtering below is the same.
    ColumnLineage result = store.graph().columnLineage(new ColumnQuery(start.ref(), field, direction, depth, maxNodes));
    Set<UUID> datasets = new HashSet<>();
    Set<UUID> tables = new HashSet<>();
    Set<UUID> jobs = new HashSet<>();
    result.columns().forEach(c -> {
      datasets.add(c.datasetId());
      if (c.tableId() != null) {
        tables.add(c.tableId());
      }
    });
    result.edges().forEach(e -> {
      if (e.jobId() != null) {
        jobs.add(e.jobId());
      }
    });
    LineageView view = view(datasets, jobs, tables);
    Set<UUID> hiddenColumns = new HashSet<>();
    List<LineageApi.Column> columns = new ArrayList<>();
    for (ColumnLineage.Column c : result.columns()) {
      boolean shown = view.dataset(c.datasetId());
      if (!shown) {
        hiddenColumns.add(c.id());
      }
      columns.add(LineageApi.Column.of(shown ? c : c.redact(), view.tables(), ids));
    }
    List<LineageApi.ColumnEdge> edges = result.edges().stream().map(e -> {
      boolean job = e.jobId() == null || view.job(e.jobId());
      boolean described = job && !hiddenColumns.contains(e.from()) && !hiddenColumns.contains(e.to());
      return LineageApi.ColumnEdge.of(e, ids, job, described);
    }).toList();
    return new LineageApi.ColumnGraph(columns, edges, result.truncated());
  }

  /** Datasets and jobs matching {@code text} that the caller may see; invisible matches are left out. */
  public LineageApi.SearchResult search(String text, int limit) {
    List<LineageNode> found = store.graph().search(text, Math.min(1_000, limit * 5));
    LineageView view = view(found, false);
    List<LineageApi.Node> datasets = new ArrayList<>();
    List<LineageApi.Node> jobs = new ArrayList<>();
    for (LineageNode n : found) {
      if (view.node(n)) {
        List<LineageApi.Node> list = n instanceof LineageNode.Dataset ? datasets : jobs;
        if (list.size() < limit) {
          list.add(LineageApi.Node.of(n, view.tables(), store.ids(), null));
        }
      }
    }
    datasets.addAll(jobs);
    authorizer.allowed(Operation.SEARCH_LINEAGE, null, null);
    return new LineageApi.SearchResult(datasets);
  }

  /** A dataset with its facets, its table as the catalog describes it, and the jobs that write and read it. */
  public LineageApi.DatasetDetails dataset(LineageStart start) {
    LineageNode.Dataset dataset = start.dataset();
    LineageGraphResult around = lineage(new GraphQuery(start.ref(), Direction.BOTH, 1, 10_000, 10_000, null, false));
    List<LineageNode> nodes = new ArrayList<>(around.nodes());
    nodes.add(dataset);
    LineageView view = view(nodes, true);
    Map<UUID, LineageNode> jobs = byId(around.nodes(), n -> n instanceof LineageNode.Job);
    List<Neighbour> producers = new ArrayList<>();
    List<Neighbour> consumers = new ArrayList<>();
    around.edges().stream().filter(e -> e.datasetId().equals(dataset.id())).forEach(e -> {
      LineageNode job = jobs.get(e.jobId());
      if (job != null) {
        (e.output() ? producers : consumers).add(new Neighbour(node(job, view), LineageApi.Run.of(e.lastRun())));
      }
    });
    String name = dataset.tableId() == null ? null : view.tables().get(dataset.tableId());
    boolean model = name != null && TableRef.isModelVersion(name);
    LineageApi.TableDetails table = name == null || model ? null : tableDetails(dataset.tableId(), name);
    LineageApi.ModelVersionDetails version = model ? modelVersionDetails(dataset.tableId(), name) : null;
    return new LineageApi.DatasetDetails(node(dataset, view), table, version, producers, consumers);
  }

  /** A job with its facets and latest run, and the datasets it reads and writes (redacted as in a graph). */
  public LineageApi.JobDetails job(LineageStart start) {
    LineageGraphResult around = lineage(new GraphQuery(start.ref(), Direction.BOTH, 1, 10_000, 10_000, null, false));
    List<LineageNode> nodes = new ArrayList<>(around.nodes());
    nodes.add(start.job());
    LineageView view = view(nodes, false);
    Map<UUID, LineageNode> datasets = byId(around.nodes(), n -> n instanceof LineageNode.Dataset);
    List<Neighbour> inputs = new ArrayList<>();
    List<Neighbour> outputs = new ArrayList<>();
    around.edges().stream().filter(e -> e.jobId().equals(start.ref().id())).forEach(e -> {
      LineageNode d = datasets.get(e.datasetId());
      if (d != null) {
        (e.output() ? outputs : inputs).add(new Neighbour(node(d, view), LineageApi.Run.of(e.lastRun())));
      }
    });
    return new LineageApi.JobDetails(node(start.job(), view), inputs, outputs);
  }

  /** A node as the caller may see it: whole with its allowed facets, or a placeholder. */
  private LineageApi.Node node(LineageNode n, LineageView view) {
    PublicIds ids = store.ids();
    if (!view.node(n)) {
      return LineageApi.Node.hidden(n, ids);
    }
    String facets = n instanceof LineageNode.Dataset d ? FacetFilter.dataset(d.facets(), view::dataset, ids::hide)
        : FacetFilter.job(((LineageNode.Job) n).facets());
    return LineageApi.Node.of(n, view.tables(), ids, facets);
  }

  private LineageGraphResult lineage(GraphQuery query) {
    try {
      return store.graph().lineage(query);
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("page_token is not a token of this query.");
    }
  }

  /** The view of these nodes, and (with {@code facets}) of the datasets their column-lineage facets name. */
  private LineageView view(List<LineageNode> nodes, boolean facets) {
    Set<UUID> datasets = new HashSet<>();
    Set<UUID> jobs = new HashSet<>();
    Set<UUID> tables = new HashSet<>();
    for (LineageNode n : nodes) {
      if (n instanceof LineageNode.Dataset d) {
        datasets.add(d.id());
        if (d.tableId() != null) {
          tables.add(d.tableId());
        }
        if (facets) {
          datasets.addAll(FacetFilter.referencedDatasets(d.facets()));
        }
      } else {
        jobs.add(n.id());
      }
    }
    return view(datasets, jobs, tables);
  }

  LineageView view(Set<UUID> datasets, Set<UUID> jobs, Set<UUID> tables) {
    return LineageView.of(store, dataSource, authorizer.snapshot(), authorizer.subject(), datasets, jobs, tables);
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

  private LineageApi.ModelVersionDetails modelVersionDetails(UUID id, String mappedName) {
    LineageApi.TableLink link = LineageApi.TableLink.of(id, mappedName);
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MODEL_VERSION_DETAILS)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new LineageApi.ModelVersionDetails(id, link.fullName(), link.version(), rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant());
      }
    } catch (SQLException e) {
      throw new LineageStoreException("Could not read a model version's details", e);
    }
  }

  /**
   * The one answer for a start or details request about something that does not exist or that
   * the caller may not see: the same status, code and message, so neither tells the other apart.
   */
  static GatehouseException notFound() {
    return GatehouseException.notFound("No lineage that the caller may see matches this request.");
  }
}
