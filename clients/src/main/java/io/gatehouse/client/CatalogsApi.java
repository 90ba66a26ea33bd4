package io.gatehouse.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.client.model.CatalogInfo;
import io.gatehouse.client.model.CreateCatalog;
import io.gatehouse.client.model.UpdateCatalog;
import java.util.List;

/** Catalogs: {@code /api/2.1/unity-catalog/catalogs}. */
public final class CatalogsApi {
  static final String PATH = GatehouseClient.UC + "/catalogs";
  private final RestTransport rest;

  CatalogsApi(RestTransport rest) {
    this.rest = rest;
  }

  public CatalogInfo create(CreateCatalog request) {
    return rest.post(PATH, request, CatalogInfo.class);
  }

  public CatalogInfo create(String name, String comment) {
    return create(new CreateCatalog(name, comment, null, null));
  }

  public CatalogInfo get(String name) {
    return rest.get(PATH + "/" + RestTransport.segment(name), null, CatalogInfo.class);
  }

  /** Every catalog the caller may see, read in pages of {@code pageSize} (0: the server's default). */
  public Paged<CatalogInfo> list(int pageSize) {
    return new Paged<>(token -> listPage(pageSize, token));
  }

  public Paged<CatalogInfo> list() {
    return list(0);
  }

  public Page<CatalogInfo> listPage(int maxResults, String pageToken) {
    Listing r = rest.get(PATH, RestTransport.query("max_results", maxResults > 0 ? maxResults : null,
        "page_token", pageToken), Listing.class);
    return new Page<>(r.catalogs(), r.nextPageToken());
  }

  public CatalogInfo update(String name, UpdateCatalog request) {
    return rest.patch(PATH + "/" + RestTransport.segment(name), request, CatalogInfo.class);
  }

  /** With {@code force}, the catalog's schemas and everything in them go too. */
  public void delete(String name, boolean force) {
    rest.delete(PATH + "/" + RestTransport.segment(name), RestTransport.query("force", force ? "true" : null));
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Listing(List<CatalogInfo> catalogs, String nextPageToken) {}
}
