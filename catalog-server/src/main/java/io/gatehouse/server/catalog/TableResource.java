package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.TableApi.CreateTable;
import io.gatehouse.server.catalog.TableApi.DataSourceFormat;
import io.gatehouse.server.catalog.TableApi.DependencyList;
import io.gatehouse.server.catalog.TableApi.ListTablesResponse;
import io.gatehouse.server.catalog.TableApi.TableInfo;
import io.gatehouse.server.catalog.TableApi.TableType;
import io.gatehouse.server.catalog.TableApi.UpdateTable;
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
@Path("/api/2.1/unity-catalog/tables")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tables")
public class TableResource {
  private final TableService tables;
  private final EventLoopReads reads;

  TableResource(TableService tables, EventLoopReads reads) {
    this.tables = tables;
    this.reads = reads;
  }

  @Transactional
  @POST
  @Performs(Operation.CREATE_TABLE)
  public TableInfo create(CreateTable request) {
    return info(tables.create(request));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Performs(Operation.LIST_TABLES)
  // The page is written as JSON straight from the rows (TablePage): a ListTablesResponse, byte for byte.
  @APIResponse(responseCode = "200", description = "OK",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ListTablesResponse.class)))
  public Response list(
      @QueryParam("catalog_name") String catalogName,
      @QueryParam("schema_name") String schemaName,
      @QueryParam("max_results") String maxResults,
      @QueryParam("page_token") String pageToken,
      @QueryParam("include_browse") String includeBrowse) {
    PageRequest page = PageRequest.parse(TableService.PAGE_KIND, maxResults, pageToken);
    byte[] body = tables.listJson(catalogName, schemaName, page, QueryParams.bool("include_browse", includeBrowse));
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }

  // read_streaming_table_as_managed and read_materialized_view_as_managed are accepted as Unity
  // Catalog clients send them; neither table type is created here, so they change nothing.
  // Engines ask for tables before every query: answered on the event loop where nothing blocks
  // (EventLoopReads), else on a worker thread, as every other endpoint.
  @NonBlocking
  @GET
  @Path("{full_name}")
  @Performs(Operation.GET_TABLE)
  // Written as JSON straight from the row (TablePage.one): a TableInfo, byte for byte.
  @APIResponse(responseCode = "200", description = "OK",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TableInfo.class)))
  public CompletionStage<Response> get(@PathParam("full_name") String fullName,
      @QueryParam("include_browse") String includeBrowse) {
    boolean browse = QueryParams.bool("include_browse", includeBrowse);
    return reads.answer(() -> tables.getJsonWithoutBlocking(fullName, browse), () -> tables.getJson(fullName, browse));
  }

  @Transactional
  @PATCH
  @Path("{full_name}")
  @Performs(Operation.UPDATE_TABLE)
  public TableInfo update(@PathParam("full_name") String fullName, UpdateTable request) {
    return info(tables.update(fullName, request));
  }

  @Transactional
  @DELETE
  @Path("{full_name}")
  @Performs(Operation.DELETE_TABLE)
  public Map<String, Object> delete(@PathParam("full_name") String fullName) {
    tables.delete(fullName);
    return Map.of();
  }

  static TableInfo info(TableEntity t) {
    return new TableInfo(
        t.name,
        t.schema.catalog.name,
        t.schema.name,
        TableType.valueOf(t.tableType),
        t.dataSourceFormat == null ? null : DataSourceFormat.valueOf(t.dataSourceFormat),
        t.columns,
        t.storageLocation,
        t.comment,
        t.properties,
        t.owner,
        SecurableEntity.millis(t.createdAt),
        t.createdBy,
        SecurableEntity.millis(t.updatedAt),
        t.updatedBy,
        t.id.toString(),
        t.viewDefinition,
        StoredJson.read(t.viewDependencies, DependencyList.class),
        t.fullName(),
        t.rowFilter,
        t.tags == null || t.tags.equals("{}") ? null : t.tags);
  }
}
