package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.ModelApi.CreateModelVersion;
import io.gatehouse.server.catalog.ModelApi.CreateRegisteredModel;
import io.gatehouse.server.catalog.ModelApi.FinalizeModelVersion;
import io.gatehouse.server.catalog.ModelApi.ListModelVersionsResponse;
import io.gatehouse.server.catalog.ModelApi.ListRegisteredModelsResponse;
import io.gatehouse.server.catalog.ModelApi.ModelVersionInfo;
import io.gatehouse.server.catalog.ModelApi.ModelVersionStatus;
import io.gatehouse.server.catalog.ModelApi.RegisteredModelInfo;
import io.gatehouse.server.catalog.ModelApi.UpdateModelVersion;
import io.gatehouse.server.catalog.ModelApi.UpdateRegisteredModel;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.QueryParams;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Unity Catalog's registered models and model versions (docs/models.md). */
@ActsForEndUsers
@Path("/api/2.1/unity-catalog/models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "RegisteredModels")
@Transactional
public class ModelResource {
  private final ModelService models;

  ModelResource(ModelService models) {
    this.models = models;
  }

  @POST
  @Performs(Operation.CREATE_REGISTERED_MODEL)
  public RegisteredModelInfo create(CreateRegisteredModel request) {
    return info(models.create(request));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Performs(Operation.LIST_REGISTERED_MODELS)
  public ListRegisteredModelsResponse list(
      @QueryParam("catalog_name") String catalogName,
      @QueryParam("schema_name") String schemaName,
      @QueryParam("max_results") String maxResults,
      @QueryParam("page_token") String pageToken,
      @QueryParam("include_browse") String includeBrowse) {
    boolean inSchema = schemaName != null;
    String kind = inSchema ? ModelService.PAGE_KIND : ModelService.ACROSS_PAGE_KIND;
    PageRequest page = PageRequest.parse(kind, maxResults, pageToken);
    Listing<RegisteredModelEntity> listing =
        models.list(catalogName, schemaName, page, QueryParams.bool("include_browse", includeBrowse));
    var slice = page.slice(kind, listing.rows(),
        inSchema ? m -> SchemaChildEntity.key(m.name) : ModelService::acrossKey);
    return new ListRegisteredModelsResponse(slice.items().stream().map(ModelResource::info).toList(), slice.nextPageToken());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Path("{full_name}")
  @Performs(Operation.GET_REGISTERED_MODEL)
  public RegisteredModelInfo get(@PathParam("full_name") String fullName, @QueryParam("include_browse") String includeBrowse) {
    return info(models.get(fullName, QueryParams.bool("include_browse", includeBrowse)));
  }

  @PATCH
  @Path("{full_name}")
  @Performs(Operation.UPDATE_REGISTERED_MODEL)
  public RegisteredModelInfo update(@PathParam("full_name") String fullName, UpdateRegisteredModel request) {
    return info(models.update(fullName, request));
  }

  @DELETE
  @Path("{full_name}")
  @Performs(Operation.DELETE_REGISTERED_MODEL)
  public Map<String, Object> delete(@PathParam("full_name") String fullName, @QueryParam("force") String force) {
    models.delete(fullName, QueryParams.bool("force", force));
    return Map.of();
  }

  @POST
  @Path("versions")
  @Tag(name = "ModelVersions")
  @Performs(Operation.CREATE_MODEL_VERSION)
  public ModelVersionInfo createVersion(CreateModelVersion request) {
    return info(models.createVersion(request));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Path("{full_name}/versions")
  @Tag(name = "ModelVersions")
  @Performs(Operation.LIST_MODEL_VERSIONS)
  public ListModelVersionsResponse listVersions(
      @PathParam("full_name") String fullName,
      @QueryParam("max_results") String maxResults,
      @QueryParam("page_token") String pageToken) {
    PageRequest page = PageRequest.parse(ModelService.VERSION_PAGE_KIND, maxResults, pageToken);
    List<ModelVersionEntity> rows = models.listVersions(fullName, page);
    var slice = page.slice(ModelService.VERSION_PAGE_KIND, rows, v -> Long.toString(v.version));
    return new ListModelVersionsResponse(slice.items().stream().map(ModelResource::info).toList(), slice.nextPageToken());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Path("{full_name}/versions/{version}")
  @Tag(name = "ModelVersions")
  @Performs(Operation.GET_MODEL_VERSION)
  public ModelVersionInfo getVersion(@PathParam("full_name") String fullName, @PathParam("version") String version) {
    return info(models.getVersion(fullName, version));
  }

  @PATCH
  @Path("{full_name}/versions/{version}")
  @Tag(name = "ModelVersions")
  @Performs(Operation.UPDATE_MODEL_VERSION)
  public ModelVersionInfo updateVersion(
      @PathParam("full_name") String fullName, @PathParam("version") String version, UpdateModelVersion request) {
    return info(models.updateVersion(fullName, version, request));
  }

  @DELETE
  @Path("{full_name}/versions/{version}")
  @Tag(name = "ModelVersions")
  @Performs(Operation.DELETE_MODEL_VERSION)
  public Map<String, Object> deleteVersion(@PathParam("full_name") String fullName, @PathParam("version") String version) {
    models.deleteVersion(fullName, version);
    return Map.of();
  }

  @PATCH
  @Path("{full_name}/versions/{version}/finalize")
  @Tag(name = "ModelVersions")
  @Performs(Operation.FINALIZE_MODEL_VERSION)
  public ModelVersionInfo finalizeVersion(
      @PathParam("full_name") String fullName, @PathParam("version") String version, FinalizeModelVersion request) {
    return info(models.finalizeVersion(fullName, version, request));
  }

  static RegisteredModelInfo info(RegisteredModelEntity m) {
    return new RegisteredModelInfo(
        m.name,
        m.schema.catalog.name,
        m.schema.name,
        m.storageLocation,
        m.fullName(),
        m.comment,
        m.owner,
        SecurableEntity.millis(m.createdAt),
        m.createdBy,
        SecurableEntity.millis(m.updatedAt),
        m.updatedBy,
        m.id.toString());
  }

  static ModelVersionInfo info(ModelVersionEntity v) {
    RegisteredModelEntity m = v.model;
    return new ModelVersionInfo(
        m.name,
        m.schema.catalog.name,
        m.schema.name,
        v.version,
        v.source,
        v.runId,
        ModelVersionStatus.valueOf(v.status),
        v.storageLocation,
        v.comment,
        SecurableEntity.millis(v.createdAt),
        v.createdBy,
        SecurableEntity.millis(v.updatedAt),
        v.updatedBy,
        v.id.toString());
  }
}
