package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.CatalogApi.CatalogInfo;
import io.gatehouse.server.catalog.CatalogApi.CreateCatalog;
import io.gatehouse.server.catalog.CatalogApi.ListCatalogsResponse;
import io.gatehouse.server.catalog.CatalogApi.UpdateCatalog;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.QueryParams;
import io.smallrye.common.annotation.NonBlocking;
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
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ActsForEndUsers
@Path("/api/2.1/unity-catalog/catalogs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogs")
public class CatalogResource {
  private final CatalogService catalogs;
  private final EventLoopReads reads;

  CatalogResource(CatalogService catalogs, EventLoopReads reads) {
    this.catalogs = catalogs;
    this.reads = reads;
  }

  @Transactional
  @POST
  @Performs(Operation.CREATE_CATALOG)
  public CatalogInfo create(CreateCatalog request) {
    return info(catalogs.create(request));
  }

  // Answered on the event loop where nothing blocks (EventLoopReads), else on a worker thread.
  @NonBlocking
  @GET
  @Performs(Operation.LIST_CATALOGS)
  // Written as JSON straight from the rows (CatalogPage): a ListCatalogsResponse, byte for byte.
  @APIResponse(responseCode = "200", description = "OK",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ListCatalogsResponse.class)))
  public CompletionStage<Response> list(
      @QueryParam("max_results") String maxResults, @QueryParam("page_token") String pageToken,
      @QueryParam("include_browse") String includeBrowse) {
    PageRequest page = PageRequest.parse(CatalogService.PAGE_KIND, maxResults, pageToken);
    boolean browse = QueryParams.bool("include_browse", includeBrowse);
    return reads.answer(() -> catalogs.listJsonWithoutBlocking(page, browse), () -> catalogs.listJson(page, browse));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Path("{name}")
  @Performs(Operation.GET_CATALOG)
  public CatalogInfo get(@PathParam("name") String name, @QueryParam("include_browse") String includeBrowse) {
    return info(catalogs.get(name, QueryParams.bool("include_browse", includeBrowse)));
  }

  @Transactional
  @PATCH
  @Path("{name}")
  @Performs(Operation.UPDATE_CATALOG)
  public CatalogInfo update(@PathParam("name") String name, UpdateCatalog request) {
    return info(catalogs.update(name, request));
  }

  @Transactional
  @DELETE
  @Path("{name}")
  @Performs(Operation.DELETE_CATALOG)
  public Map<String, Object> delete(@PathParam("name") String name, @QueryParam("force") String force) {
    catalogs.delete(name, QueryParams.bool("force", force));
    return Map.of();
  }

  static CatalogInfo info(CatalogEntity c) {
    return new CatalogInfo(
        c.name,
        c.comment,
        c.properties,
        c.owner,
        SecurableEntity.millis(c.createdAt),
        c.createdBy,
        SecurableEntity.millis(c.updatedAt),
        c.updatedBy,
        c.id.toString(),
        c.storageRoot,
        c.storageLocation,
        c.isolationMode);
  }
}
