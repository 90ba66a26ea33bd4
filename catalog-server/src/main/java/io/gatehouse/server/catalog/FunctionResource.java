package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.FunctionApi.CreateFunction;
import io.gatehouse.server.catalog.FunctionApi.CreateFunctionRequest;
import io.gatehouse.server.catalog.FunctionApi.FunctionInfo;
import io.gatehouse.server.catalog.FunctionApi.ListFunctionsResponse;
import io.gatehouse.server.catalog.FunctionApi.UpdateFunction;
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
@Path("/api/2.1/unity-catalog/functions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Functions")
@Transactional
public class FunctionResource {
  private final FunctionService functions;

  FunctionResource(FunctionService functions) {
    this.functions = functions;
  }

  @POST
  @Performs(Operation.CREATE_FUNCTION)
  public FunctionInfo create(CreateFunctionRequest request) {
    return info(functions.create(request));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Performs(Operation.LIST_FUNCTIONS)
  public ListFunctionsResponse list(
      @QueryParam("catalog_name") String catalogName,
      @QueryParam("schema_name") String schemaName,
      @QueryParam("max_results") String maxResults,
      @QueryParam("page_token") String pageToken,
      @QueryParam("include_browse") String includeBrowse) {
    PageRequest page = PageRequest.parse(FunctionService.PAGE_KIND, maxResults, pageToken);
    Listing<FunctionEntity> listing = functions.list(catalogName, schemaName, page, QueryParams.bool("include_browse", includeBrowse));
    var slice = page.slice(FunctionService.PAGE_KIND, listing.rows(), f -> SchemaChildEntity.key(f.name));
    return new ListFunctionsResponse(
        slice.items().stream().map(FunctionResource::info).toList(), slice.nextPageToken());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Path("{name}")
  @Performs(Operation.GET_FUNCTION)
  public FunctionInfo get(@PathParam("name") String fullName, @QueryParam("include_browse") String includeBrowse) {
    return info(functions.get(fullName, QueryParams.bool("include_browse", includeBrowse)));
  }

  @PATCH
  @Path("{name}")
  @Performs(Operation.UPDATE_FUNCTION)
  public FunctionInfo update(@PathParam("name") String fullName, UpdateFunction request) {
    return info(functions.update(fullName, request));
  }

  @DELETE
  @Path("{name}")
  @Performs(Operation.DELETE_FUNCTION)
  public Map<String, Object> delete(@PathParam("name") String fullName) {
    functions.delete(fullName);
    return Map.of();
  }

  static FunctionInfo info(FunctionEntity f) {
    CreateFunction d = StoredJson.read(f.definition, CreateFunction.class);
    return new FunctionInfo(
        f.name,
        f.schema.catalog.name,
        f.schema.name,
        d.inputParams(),
        d.dataType(),
        d.fullDataType(),
        d.returnParams(),
        d.routineBody(),
        d.routineDefinition(),
        d.routineDependencies(),
        d.parameterStyle(),
        d.isDeterministic(),
        d.sqlDataAccess(),
        d.isNullCall(),
        d.securityType(),
        d.specificName(),
        f.comment,
        d.properties(),
        f.fullName(),
        f.owner,
        SecurableEntity.millis(f.createdAt),
        f.createdBy,
        SecurableEntity.millis(f.updatedAt),
        f.updatedBy,
        f.id.toString(),
        d.externalLanguage());
  }
}
