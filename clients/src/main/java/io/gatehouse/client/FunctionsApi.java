package io.gatehouse.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.client.model.CreateFunction;
import io.gatehouse.client.model.FunctionInfo;
import java.util.List;
import java.util.Map;

/** Functions: {@code /api/2.1/unity-catalog/functions}, named {@code catalog.schema.function}. */
public final class FunctionsApi {
  static final String PATH = GatehouseClient.UC + "/functions";
  private final RestTransport rest;

  FunctionsApi(RestTransport rest) {
    this.rest = rest;
  }

  public FunctionInfo create(CreateFunction functionInfo) {
    return rest.post(PATH, Map.of("function_info", functionInfo), FunctionInfo.class);
  }

  public FunctionInfo get(String fullName) {
    return rest.get(PATH + "/" + RestTransport.segment(fullName), null, FunctionInfo.class);
  }

  public Paged<FunctionInfo> list(String catalog, String schema, int pageSize) {
    return new Paged<>(token -> listPage(catalog, schema, pageSize, token));
  }

  public Paged<FunctionInfo> list(String catalog, String schema) {
    return list(catalog, schema, 0);
  }

  public Page<FunctionInfo> listPage(String catalog, String schema, int maxResults, String pageToken) {
    Listing r = rest.get(PATH, RestTransport.query("catalog_name", catalog, "schema_name", schema,
        "max_results", maxResults > 0 ? maxResults : null, "page_token", pageToken), Listing.class);
    return new Page<>(r.functions(), r.nextPageToken());
  }

  /** Transfers ownership: the one change the function API makes (as Databricks). */
  public FunctionInfo updateOwner(String fullName, String owner) {
    return rest.patch(PATH + "/" + RestTransport.segment(fullName), Map.of("owner", owner), FunctionInfo.class);
  }

  public void delete(String fullName) {
    rest.delete(PATH + "/" + RestTransport.segment(fullName), null);
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Listing(List<FunctionInfo> functions, String nextPageToken) {}
}
