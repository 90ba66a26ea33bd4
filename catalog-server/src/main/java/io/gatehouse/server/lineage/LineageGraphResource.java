package io.gatehouse.server.lineage;

import io.gatehouse.lineage.Direction;
import io.gatehouse.lineage.GraphQuery;
import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The lineage graph for stewards and tools: upstream, downstream or both of a table, dataset or
 * job, to a bounded depth, with a width limit and keyset paging; the lineage of one column or of
 * every column of a table at once; a
 * search; the details of one dataset or job. Nodes the caller may not see come back redacted
 * (see {@link LineageQueries}). Every authenticated principal may ask.
 */
@Performs(Operation.GET_LINEAGE)
@ActsForEndUsers
@Path("/api/gatehouse/v1/lineage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lineage")
public class LineageGraphResource {
  static final int DEFAULT_MAX_NODES = 1_000;
  static final int DEFAULT_PAGE = 500;

  private final LineageQueries queries;
  private final LineageStart.Resolver starts;

  LineageGraphResource(LineageQueries queries, LineageStart.Resolver starts) {
    this.queries = queries;
    this.starts = starts;
  }

  @GET
  @Path("graph")
  public LineageApi.Graph graph(
      @QueryParam("table") String table,
      @QueryParam("dataset") String dataset,
      @QueryParam("namespace") String namespace,
      @QueryParam("name") String name,
      @QueryParam("job") String job,
      @QueryParam("job_namespace") String jobNamespace,
      @QueryParam("job_name") String jobName,
      @QueryParam("model") String model,
      @QueryParam("version") String version,
      @QueryParam("direction") @DefaultValue("BOTH") String direction,
      @QueryParam("depth") @DefaultValue("1") String depth,
      @QueryParam("max_nodes") String maxNodes,
      @QueryParam("max_results") String maxResults,
      @QueryParam("page_token") String pageToken,
      @QueryParam("include_facets") @DefaultValue("false") String includeFacets) {
    Direction way = direction(direction);
    int hops = number("depth", depth, 1, GraphQuery.MAX_DEPTH);
    int width = number("max_nodes", maxNodes, DEFAULT_MAX_NODES, GraphQuery.MAX_NODES);
    int page = number("max_results", maxResults, DEFAULT_PAGE, GraphQuery.MAX_PAGE_SIZE);
    boolean facets = bool("include_facets", includeFacets);
    LineageStart start = starts.resolve(
        new LineageStart.Params(table, dataset, namespace, name, job, jobNamespace, jobName, model, version));
    return queries.graph(start, way, hops, width, page, pageToken == null || pageToken.isEmpty() ? null : pageToken, facets);
  }

  @GET
  @Path("columns")
  public LineageApi.ColumnGraph columns(
      @QueryParam("table") String table,
      @QueryParam("dataset") String dataset,
      @QueryParam("namespace") String namespace,
      @QueryParam("name") String name,
      @QueryParam("column") String column,
      @QueryParam("all_columns") @DefaultValue("false") String allColumns,
      @QueryParam("direction") @DefaultValue("BOTH") String direction,
      @QueryParam("depth") @DefaultValue("1") String depth,
      @QueryParam("max_nodes") String maxNodes) {
    // One column, or every column of the start in one walk: exactly one of the two.
    boolean all = bool("all_columns", allColumns);
    if (all && column != null) {
      throw GatehouseException.invalid("Give either 'column' or 'all_columns=true', not both.");
    }
    String field = all ? null : Validation.required("column", column, 1200);
    Direction way = direction(direction);
    int hops = number("depth", depth, 1, GraphQuery.MAX_DEPTH);
    int width = number("max_nodes", maxNodes, DEFAULT_MAX_NODES, GraphQuery.MAX_NODES);
    LineageStart start = starts.resolve(new LineageStart.Params(table, dataset, namespace, name, null, null, null, null, null));
    return queries.columns(start, field, way, hops, width);
  }

  @GET
  @Path("search")
  @Performs(Operation.SEARCH_LINEAGE)
  public LineageApi.SearchResult search(@QueryParam("q") String q, @QueryParam("max_results") String maxResults) {
    String text = Validation.required("q", q == null ? null : q.strip(), 200);
    return queries.search(text, number("max_results", maxResults, 20, 100));
  }

  @GET
  @Path("datasets/{id}")
  public LineageApi.DatasetDetails dataset(@PathParam("id") String id) {
    return queries.dataset(starts.resolve(new LineageStart.Params(null, id, null, null, null, null, null, null, null)));
  }

  @GET
  @Path("jobs/{id}")
  public LineageApi.JobDetails job(@PathParam("id") String id) {
    return queries.job(starts.resolve(new LineageStart.Params(null, null, null, null, id, null, null, null, null)));
  }

  static Direction direction(String value) {
    try {
      return Direction.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("Field 'direction' must be one of UPSTREAM, DOWNSTREAM, BOTH.");
    }
  }

  static int number(String field, String value, int defaultValue, int max) {
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw GatehouseException.invalid("Field '" + field + "' must be an integer.");
    }
    if (n < 1 || n > max) {
      throw GatehouseException.invalid("Field '" + field + "' must be between 1 and " + max + ".");
    }
    return n;
  }

  static boolean bool(String field, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw GatehouseException.invalid("Field '" + field + "' must be true or false.");
    };
  }
}
