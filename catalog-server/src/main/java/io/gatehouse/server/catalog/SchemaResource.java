package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.CatalogApi.CreateSchema;
import io.gatehouse.server.catalog.CatalogApi.ListSchemasResponse;
import io.gatehouse.server.catalog.CatalogApi.SchemaInfo;
import io.gatehouse.server.catalog.CatalogApi.UpdateSchema;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ActsForEndUsers
@Path("/api/2.1/unity-catalog/schemas")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Schemas")
@Transactional
public class SchemaResource {
  private final SchemaService schemas;

  SchemaResource(SchemaService schemas) {
    this.schemas = schemas;
  }

  @POST
  @Performs(Operation.CREATE_SCHEMA)
  public SchemaInfo create(CreateSchema request) {
    return info(schemas.create(request));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Performs(Operation.LIST_SCHEMAS)
  public ListSchemasResponse list(
      @QueryParam("catalog_name") String catalogName,
      @QueryParam("max_results") String maxResults,
      @QueryParam("page_token") String pageToken,
      @QueryParam("include_browse") String includeBrowse) {
    PageRequest page = PageRequest.parse(SchemaService.PAGE_KIND, maxResults, pageToken);
    var slice =
        page.slice(SchemaService.PAGE_KIND, schemas.list(catalogName, page, QueryParams.bool("include_browse", includeBrowse)), s -> SchemaChildEntity.key(s.name));
    return new ListSchemasResponse(
        slice.items().stream().map(SchemaResource::info).toList(), slice.nextPageToken());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Path("{full_name}")
  @Performs(Operation.GET_SCHEMA)
  public SchemaInfo get(@PathParam("full_name") String fullName, @QueryParam("include_browse") String includeBrowse) {
    return info(schemas.get(fullName, QueryParams.bool("include_browse", includeBrowse)));
  }

  @PATCH
  @Path("{full_name}")
  @Performs(Operation.UPDATE_SCHEMA)
  public SchemaInfo update(@PathParam("full_name") String fullName, UpdateSchema request) {
    return info(schemas.update(fullName, request));
  }

  @DELETE
  @Path("{full_name}")
  @Performs(Operation.DELETE_SCHEMA)
  public Map<String, Object> delete(
      @PathParam("full_name") String fullName, @QueryParam("force") String force) {
    schemas.delete(fullName, QueryParams.bool("force", force));
    return Map.of();
  }

  static SchemaInfo info(SchemaEntity s) {
    return new SchemaInfo(
        s.name,
        s.catalog.name,
        s.comment,
        s.properties,
        s.fullName(),
        s.owner,
        SecurableEntity.millis(s.createdAt),
        s.createdBy,
        SecurableEntity.millis(s.updatedAt),
        s.updatedBy,
        s.id.toString(),
        s.storageRoot,
        s.storageLocation);
  }
}
