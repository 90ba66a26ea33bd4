package io.gatehouse.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/gatehouse/v1/search?q=&max_results=}: catalogs, schemas, tables, views, volumes,
 * functions and models whose name, comment or tags, or whose columns' names, comments or tags,
 * contain {@code q} (case ignored), among those the caller may see ({@link CatalogSearch}).
 */
@Path("/api/gatehouse/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog search")
public class SearchResource {
  static final int DEFAULT_RESULTS = 50;

  private final CatalogSearch search;

  SearchResource(CatalogSearch search) {
    this.search = search;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Match(String field, String column, String tagKey, String tagValue) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(String securableType, String fullName, String kind, String owner, String comment, List<Match> matches) {}

  /** {@code truncated}: more of what the caller may see may match; a narrower text finds it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Results(List<Result> results, boolean truncated) {}

  @GET
  @Performs(Operation.SEARCH_CATALOG)
  public Results search(@QueryParam("q") String q, @QueryParam("max_results") String maxResults) {
    String text = Validation.required("q", q == null ? null : q.strip(), CatalogSearch.MAX_TEXT);
    CatalogSearch.Result found = search.search(text, number(maxResults));
    return new Results(found.hits().stream().map(SearchResource::result).toList(), found.truncated());
  }

  private static Result result(CatalogSearch.Hit hit) {
    List<Match> matches = hit.matches().stream()
        .map(m -> new Match(m.field().name().toLowerCase(Locale.ROOT), m.column(), m.tagKey(), m.tagValue()))
        .toList();
    return new Result(hit.type().name(), hit.fullName(), hit.kind(), hit.owner(), hit.comment(), matches);
  }

  private static int number(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_RESULTS;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= CatalogSearch.MAX_RESULTS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GatehouseException.invalid("Field 'max_results' must be an integer between 1 and " + CatalogSearch.MAX_RESULTS + ".");
  }
}
