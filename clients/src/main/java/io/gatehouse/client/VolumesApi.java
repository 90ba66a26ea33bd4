package io.gatehouse.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.client.model.CreateVolume;
import io.gatehouse.client.model.UpdateVolume;
import io.gatehouse.client.model.VolumeInfo;
import java.util.List;

/** Volumes: {@code /api/2.1/unity-catalog/volumes}, named {@code catalog.schema.volume}. */
public final class VolumesApi {
  static final String PATH = GatehouseClient.UC + "/volumes";
  private final RestTransport rest;

  VolumesApi(RestTransport rest) {
    this.rest = rest;
  }

  public VolumeInfo create(CreateVolume request) {
    return rest.post(PATH, request, VolumeInfo.class);
  }

  public VolumeInfo get(String fullName) {
    return rest.get(PATH + "/" + RestTransport.segment(fullName), null, VolumeInfo.class);
  }

  public Paged<VolumeInfo> list(String catalog, String schema, int pageSize) {
    return new Paged<>(token -> listPage(catalog, schema, pageSize, token));
  }

  public Paged<VolumeInfo> list(String catalog, String schema) {
    return list(catalog, schema, 0);
  }

  public Page<VolumeInfo> listPage(String catalog, String schema, int maxResults, String pageToken) {
    Listing r = rest.get(PATH, RestTransport.query("catalog_name", catalog, "schema_name", schema,
        "max_results", maxResults > 0 ? maxResults : null, "page_token", pageToken), Listing.class);
    return new Page<>(r.volumes(), r.nextPageToken());
  }

  public VolumeInfo update(String fullName, UpdateVolume request) {
    return rest.patch(PATH + "/" + RestTransport.segment(fullName), request, VolumeInfo.class);
  }

  public void delete(String fullName) {
    rest.delete(PATH + "/" + RestTransport.segment(fullName), null);
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Listing(List<VolumeInfo> volumes, String nextPageToken) {}
}
