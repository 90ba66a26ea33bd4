package io.gatehouse.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.client.model.CreateModelVersion;
import io.gatehouse.client.model.CreateRegisteredModel;
import io.gatehouse.client.model.ModelVersionInfo;
import io.gatehouse.client.model.RegisteredModelInfo;
import io.gatehouse.client.model.UpdateRegisteredModel;
import java.util.List;
import java.util.Map;

/**
 * Registered models and their versions: {@code /api/2.1/unity-catalog/models}, named {@code
 * catalog.schema.model}; versions are numbered from 1.
 */
public final class ModelsApi {
  static final String PATH = GatehouseClient.UC + "/models";
  private final RestTransport rest;

  ModelsApi(RestTransport rest) {
    this.rest = rest;
  }

  public RegisteredModelInfo create(CreateRegisteredModel request) {
    return rest.post(PATH, request, RegisteredModelInfo.class);
  }

  public RegisteredModelInfo get(String fullName) {
    return rest.get(PATH + "/" + RestTransport.segment(fullName), null, RegisteredModelInfo.class);
  }

  /** The models of {@code catalog.schema}; with a null schema, of every schema of the catalog; with neither, all. */
  public Paged<RegisteredModelInfo> list(String catalog, String schema, int pageSize) {
    return new Paged<>(token -> listPage(catalog, schema, pageSize, token));
  }

  public Page<RegisteredModelInfo> listPage(String catalog, String schema, int maxResults, String pageToken) {
    Listing r = rest.get(PATH, RestTransport.query("catalog_name", catalog, "schema_name", schema,
        "max_results", maxResults > 0 ? maxResults : null, "page_token", pageToken), Listing.class);
    return new Page<>(r.registeredModels(), r.nextPageToken());
  }

  public RegisteredModelInfo update(String fullName, UpdateRegisteredModel request) {
    return rest.patch(PATH + "/" + RestTransport.segment(fullName), request, RegisteredModelInfo.class);
  }

  /** Deletes the model; one with versions only with {@code force}, which deletes them too. */
  public void delete(String fullName, boolean force) {
    rest.delete(PATH + "/" + RestTransport.segment(fullName), RestTransport.query("force", force ? "true" : null));
  }

  public ModelVersionInfo createVersion(CreateModelVersion request) {
    return rest.post(PATH + "/versions", request, ModelVersionInfo.class);
  }

  public ModelVersionInfo getVersion(String fullName, long version) {
    return rest.get(versionPath(fullName, version), null, ModelVersionInfo.class);
  }

  public Paged<ModelVersionInfo> listVersions(String fullName, int pageSize) {
    return new Paged<>(token -> {
      VersionListing r = rest.get(PATH + "/" + RestTransport.segment(fullName) + "/versions", RestTransport.query(
          "max_results", pageSize > 0 ? pageSize : null, "page_token", token), VersionListing.class);
      return new Page<>(r.modelVersions(), r.nextPageToken());
    });
  }

  /** Marks a pending version READY (its artifacts are written), or FAILED_REGISTRATION with {@code failed}. */
  public ModelVersionInfo finalizeVersion(String fullName, long version, boolean failed) {
    Map<String, Object> body = failed
        ? Map.of("full_name", fullName, "version", version, "status", "FAILED_REGISTRATION")
        : Map.of("full_name", fullName, "version", version);
    return rest.patch(versionPath(fullName, version) + "/finalize", body, ModelVersionInfo.class);
  }

  public void deleteVersion(String fullName, long version) {
    rest.delete(versionPath(fullName, version), null);
  }

  private static String versionPath(String fullName, long version) {
    return PATH + "/" + RestTransport.segment(fullName) + "/versions/" + version;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Listing(List<RegisteredModelInfo> registeredModels, String nextPageToken) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record VersionListing(List<ModelVersionInfo> modelVersions, String nextPageToken) {}
}
