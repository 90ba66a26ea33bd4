package io.gatehouse.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.client.model.CreateSchema;
import io.gatehouse.client.model.SchemaInfo;
import io.gatehouse.client.model.UpdateSchema;
import java.util.List;

/** Schemas: {@code /api/2.1/unity-catalog/schemas}, named {@code catalog.schema}. */
public final class SchemasApi {
  static final String PATH = GatehouseClient.UC + "/schemas";
  private final RestTransport rest;

  SchemasApi(RestTransport rest) {
    this.rest = rest;
  }

  public SchemaInfo create(CreateSchema request) {
    return rest.post(PATH, request, SchemaInfo.class);
  }

  public SchemaInfo create(String catalog, String name, String comment) {
    return create(new CreateSchema(name, catalog, comment, null, null));
  }

  public SchemaInfo get(String fullName) {
    return rest.get(PATH + "/" + RestTransport.segment(fullName), null, SchemaInfo.class);
  }

  public Paged<SchemaInfo> list(String catalog, int pageSize) {
    return new Paged<>(token -> listPage(catalog, pageSize, token));
  }

  public Paged<SchemaInfo> list(String catalog) {
    return list(catalog, 0);
  }

  public Page<SchemaInfo> listPage(String catalog, int maxResults, String pageToken) {
    Listing r = rest.get(PATH, RestTransport.query("catalog_name", catalog,
        "max_results", maxResults > 0 ? maxResults : null, "page_token", pageToken), Listing.class);
    return new Page<>(r.schemas(), r.nextPageToken());
  }

  public SchemaInfo update(String fullName, UpdateSchema request) {
    return rest.patch(PATH + "/" + RestTransport.segment(fullName), request, SchemaInfo.class);
  }

  /** With {@code force}, the schema's tables, volumes and functions go too. */
  public void delete(String fullName, boolean force) {
    rest.delete(PATH + "/" + RestTransport.segment(fullName), RestTransport.query("force", force ? "true" : null));
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Listing(List<SchemaInfo> schemas, String nextPageToken) {}
}
