package io.gatehouse.lineage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Lineage graph queries: upstream, downstream or both from a dataset, a table's datasets or a
 * job, to a bounded depth, paged; and column-level lineage of one field. Each query is one SQL
 * statement (see {@link GraphSql}). Thread-safe.
 *
 * <p>Results carry each dataset's mapped table, so the server can decide visibility and call
 * {@link LineageGraphResult#redact} or {@link ColumnLineage#redact}.
 */
public final class LineageGraph {
  private static final String GRAPH_BY_IDS = GraphSql.GRAPH.formatted(GraphSql.SEED_IDS);
  private static final String GRAPH_BY_TABLE = GraphSql.GRAPH.formatted(GraphSql.SEED_TABLE);
  private static final String COLUMNS_BY_IDS =
      GraphSql.COLUMNS.formatted(GraphSql.COLUMN_SEED_IDS, GraphSql.COLUMN_START_FIELD);
  private static final String COLUMNS_BY_TABLE =
      GraphSql.COLUMNS.formatted(GraphSql.COLUMN_SEED_TABLE, GraphSql.COLUMN_START_FIELD);
  private static final String ALL_COLUMNS_BY_IDS =
      GraphSql.COLUMNS.formatted(GraphSql.COLUMN_SEED_IDS, GraphSql.COLUMN_START_ALL);
  private static final String ALL_COLUMNS_BY_TABLE =
      GraphSql.COLUMNS.formatted(GraphSql.COLUMN_SEED_TABLE, GraphSql.COLUMN_START_ALL);
  private static final UUID NIL = new UUID(0, 0);
  /** Nodes as a page shows them: nearest first, datasets before jobs. */
  private static final Comparator<LineageNode> NODE_ORDER =
      Comparator.comparingInt(LineageNode::depth)
          .thenComparing(n -> n instanceof LineageNode.Dataset ? 0 : 1)
          .thenComparing(LineageNode::id);

  private final DataSource dataSource;

  public LineageGraph(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * One page of the lineage graph around {@code query.start()}.
   *
   * @throws IllegalArgumentException for a page token this class did not issue
   * @throws LineageStoreException if the database fails
   */
  public LineageGraphResult lineage(GraphQuery query) {
    Cursor cursor = Cursor.decode(query.pageToken());
    NodeRef start = query.start();
    boolean job = start.kind() == NodeRef.Kind.JOB;
    // A step crosses one edge; a job hop is two steps. From a job, its datasets are depth 1.
    int maxStep = job ? 2 * query.depth() - 1 : 2 * query.depth();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(start.kind() == NodeRef.Kind.TABLE ? GRAPH_BY_TABLE : GRAPH_BY_IDS)) {
      int i = 1;
      ps.setString(i++, job ? "J" : "D");
      if (start.kind() == NodeRef.Kind.TABLE) {
        ps.setString(i++, start.tableFullName());
      } else {
        ps.setArray(i++, c.createArrayOf("uuid", new UUID[] {start.id()}));
      }
      ps.setArray(i++, c.createArrayOf("bool", directions(query.direction())));
      ps.setInt(i++, maxStep);
      ps.setInt(i++, query.maxNodes() + 1);
      ps.setInt(i++, query.maxNodes());
      ps.setInt(i++, cursor.step);
      ps.setString(i++, cursor.kind);
      ps.setObject(i++, cursor.id);
      ps.setInt(i++, query.pageSize());
      ps.setBoolean(i++, query.withFacets());
      ps.setBoolean(i++, query.withFacets());
      ps.setInt(i++, query.pageSize());
      ps.setInt(i, query.maxNodes());
      List<LineageNode> nodes = new ArrayList<>();
      List<LineageEdge> edges = new ArrayList<>();
      int total = 0;
      boolean more = false;
      boolean truncated = false;
      boolean startFound = cursor.step >= 0;
      Cursor last = cursor;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String rk = rs.getString("rk");
          switch (rk) {
            case "D", "J" -> {
              UUID id = rs.getObject("id", UUID.class);
              int step = rs.getInt("step");
              int depth = (step + 1) / 2;
              startFound |= step == 0;
              if (rk.equals("D")) {
                nodes.add(new LineageNode.Dataset(id, depth, rs.getString("namespace"), rs.getString("name"),
                    rs.getObject("table_id", UUID.class), rs.getString("table_full_name"), rs.getString("facets"), false));
              } else {
                nodes.add(new LineageNode.Job(id, depth, rs.getString("namespace"), rs.getString("name"), run(rs),
                    rs.getString("facets"), false));
              }
              Cursor here = new Cursor(step, rk, id);
              if (here.compareTo(last) > 0) {
                last = here;
              }
            }
            case "E" -> edges.add(new LineageEdge(rs.getObject("id", UUID.class), rs.getObject("job_id", UUID.class),
                rs.getBoolean("output"), run(rs)));
            case "M" -> {
              total = rs.getInt("step");
              more = rs.getBoolean("more");
              truncated = rs.getBoolean("truncated");
            }
            default -> throw new IllegalStateException("Unexpected row kind " + rk);
          }
        }
      }
      nodes.sort(NODE_ORDER);
      return new LineageGraphResult(nodes, edges, startFound, total, truncated, more ? last.encode() : null);
    } catch (SQLException e) {
      throw new LineageStoreException("Could not read the lineage graph", e);
    }
  }

  private static String sql(ColumnQuery query) {
    boolean table = query.dataset().kind() == NodeRef.Kind.TABLE;
    if (query.allFields()) {
      return table ? ALL_COLUMNS_BY_TABLE : ALL_COLUMNS_BY_IDS;
    }
    return table ? COLUMNS_BY_TABLE : COLUMNS_BY_IDS;
  }

  /**
   * The column-level lineage of one field, or of every field of the start ({@link ColumnQuery#allFields()}).
   *
   * @throws LineageStoreException if the database fails
   */
  public ColumnLineage columnLineage(ColumnQuery query) {
    NodeRef start = query.dataset();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql(query))) {
      int i = 1;
      if (start.kind() == NodeRef.Kind.TABLE) {
        ps.setString(i++, start.tableFullName());
      } else {
        ps.setArray(i++, c.createArrayOf("uuid", new UUID[] {start.id()}));
      }
      if (!query.allFields()) {
        ps.setString(i++, query.field());
      }
      ps.setArray(i++, c.createArrayOf("bool", directions(query.direction())));
      ps.setInt(i++, query.depth());
      ps.setInt(i++, query.maxNodes() + 1);
      ps.setInt(i++, query.maxNodes());
      ps.setInt(i, query.maxNodes());
      List<ColumnLineage.Column> columns = new ArrayList<>();
      List<ColumnLineage.Edge> edges = new ArrayList<>();
      boolean truncated = false;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          switch (rs.getString("rk")) {
            case "C" -> {
              UUID dataset = rs.getObject("dataset_id", UUID.class);
              String field = rs.getString("field");
              columns.add(new ColumnLineage.Column(LineageIds.columnId(dataset, field), dataset,
                  rs.getString("namespace"), rs.getString("name"), rs.getObject("table_id", UUID.class),
                  rs.getString("table_full_name"), field, rs.getString("type"), rs.getInt("step"), false));
            }
            case "E" -> {
              UUID jobId = rs.getObject("job_id", UUID.class);
              edges.add(new ColumnLineage.Edge(
                  LineageIds.columnId(rs.getObject("input_dataset_id", UUID.class), rs.getString("input_field")),
                  LineageIds.columnId(rs.getObject("dataset_id", UUID.class), rs.getString("field")),
                  NIL.equals(jobId) ? null : jobId, rs.getString("job_namespace"), rs.getString("job_name"),
                  rs.getString("transformation_type"), rs.getString("transformation_subtype"),
                  rs.getString("transformation_description"), rs.getString("transformations"),
                  rs.getObject("last_run_id", UUID.class)));
            }
            case "M" -> truncated = rs.getBoolean("truncated");
            default -> throw new IllegalStateException("Unexpected row kind");
          }
        }
      }
      columns.sort((a, b) -> a.depth() != b.depth() ? Integer.compare(a.depth(), b.depth())
          : a.id().compareTo(b.id()));
      return new ColumnLineage(columns, edges, truncated);
    } catch (SQLException e) {
      throw new LineageStoreException("Could not read column lineage", e);
    }
  }

  /**
   * The dataset with this id, with its merged facets and depth 0, or empty.
   *
   * @throws LineageStoreException if the database fails
   */
  public Optional<LineageNode.Dataset> dataset(UUID id) {
    return Optional.ofNullable((LineageNode.Dataset) byId(id, false));
  }

  /**
   * The job with this id, with its merged facets, its latest run and depth 0, or empty.
   *
   * @throws LineageStoreException if the database fails
   */
  public Optional<LineageNode.Job> job(UUID id) {
    return Optional.ofNullable((LineageNode.Job) byId(id, true));
  }

  private LineageNode byId(UUID id, boolean job) {
    Objects.requireNonNull(id, "id");
    try (Connection c = dataSource.getConnection()) {
      return NodeLookup.byId(c, id, job);
    } catch (SQLException e) {
      throw new LineageStoreException("Could not read a lineage node", e);
    }
  }

  /**
   * Datasets and jobs whose name, namespace or mapped table name contains {@code text} (ignoring
   * case): up to {@code limit} datasets, exact table or dataset names first, then up to
   * {@code limit} jobs. Nodes have depth 0 and no facets.
   *
   * @throws IllegalArgumentException for an empty text or a limit outside 1 to 1,000
   * @throws LineageStoreException if the database fails
   */
  public List<LineageNode> search(String text, int limit) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text: must not be empty");
    }
    GraphQuery.check("limit", limit, 1_000);
    try (Connection c = dataSource.getConnection()) {
      return NodeLookup.search(c, text.strip(), limit);
    } catch (SQLException e) {
      throw new LineageStoreException("Could not search the lineage graph", e);
    }
  }

  /**
   * What deciding the visibility of these datasets and jobs needs (see {@link Neighbourhood}),
   * in one statement; {@code goneTables}: tables that no longer exist, whose datasets count as
   * external. Asking about nothing, or about unknown ids, runs the same statement.
   *
   * @throws LineageStoreException if the database fails
   */
  public Neighbourhood neighbourhood(java.util.Collection<UUID> datasets, java.util.Collection<UUID> jobs,
      java.util.Collection<UUID> goneTables) {
    try (Connection c = dataSource.getConnection()) {
      return Neighbourhood.read(c, datasets, jobs, goneTables);
    } catch (SQLException e) {
      throw new LineageStoreException("Could not read the neighbourhood of lineage nodes", e);
    }
  }

  private static Boolean[] directions(Direction direction) {
    return switch (direction) {
      case UPSTREAM -> new Boolean[] {true};
      case DOWNSTREAM -> new Boolean[] {false};
      case BOTH -> new Boolean[] {true, false};
    };
  }

  private static RunInfo run(ResultSet rs) throws SQLException {
    UUID id = rs.getObject("run_id", UUID.class);
    if (id == null) {
      return null;
    }
    return new RunInfo(id, rs.getString("state"), instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("ended_at")), instant(rs.getTimestamp("last_event_time")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** The last node of a page: (step, kind, id), the order of the walk's nodes. */
  private record Cursor(int step, String kind, UUID id) implements Comparable<Cursor> {
    static final Cursor FIRST = new Cursor(-1, "", NIL);

    static Cursor decode(String token) {
      if (token == null) {
        return FIRST;
      }
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
        if (parts.length != 3 || !(parts[1].equals("D") || parts[1].equals("J"))) {
          throw new IllegalArgumentException("pageToken: not a token of this query");
        }
        return new Cursor(Integer.parseInt(parts[0]), parts[1], UUID.fromString(parts[2]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("pageToken: not a token of this query", e);
      }
    }

    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString((step + ":" + kind + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int compareTo(Cursor o) {
      if (step != o.step) {
        return Integer.compare(step, o.step);
      }
      int k = kind.compareTo(o.kind);
      return k != 0 ? k : compareUuid(id, o.id);
    }

    /** PostgreSQL orders uuids by their unsigned bytes; Java's UUID.compareTo is signed. */
    private static int compareUuid(UUID a, UUID b) {
      int hi = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
      return hi != 0 ? hi : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
  }
}
