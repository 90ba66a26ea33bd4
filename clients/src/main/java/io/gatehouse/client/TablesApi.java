package io.gatehouse.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.client.model.CreateTable;
import io.gatehouse.client.model.TableInfo;
import java.util.List;
import java.util.Map;

/** Tables and views: {@code /api/2.1/unity-catalog/tables}, named {@code catalog.schema.table}. */
public final class TablesApi {
  static final String PATH = GatehouseClient.UC + "/tables";
  private final RestTransport rest;

  TablesApi(RestTransport rest) {
    this.rest = rest;
  }

  public TableInfo create(CreateTable request) {
    return rest.post(PATH, request, TableInfo.class);
  }

  public TableInfo get(String fullName) {
    return rest.get(PATH + "/" + RestTransport.segment(fullName), null, TableInfo.class);
  }

  public Paged<TableInfo> list(String catalog, String schema, int pageSize) {
    return new Paged<>(token -> listPage(catalog, schema, pageSize, token));
  }

  public Paged<TableInfo> list(String catalog, String schema) {
    return list(catalog, schema, 0);
  }

  public Page<TableInfo> listPage(String catalog, String schema, int maxResults, String pageToken) {
    Listing r = rest.get(PATH, RestTransport.query("catalog_name", catalog, "schema_name", schema,
        "max_results", maxResults > 0 ? maxResults : null, "page_token", pageToken), Listing.class);
    return new Page<>(r.tables(), r.nextPageToken());
  }

  /** Transfers ownership: the one change the table API makes (as Databricks; the rest is SQL). */
  public TableInfo updateOwner(String fullName, String owner) {
    return rest.patch(PATH + "/" + RestTransport.segment(fullName), Map.of("owner", owner), TableInfo.class);
  }

  public void delete(String fullName) {
    rest.delete(PATH + "/" + RestTransport.segment(fullName), null);
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Listing(List<TableInfo> tables, String nextPageToken) {}
}
