package io.gatehouse.server.iceberg;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.CatalogEntity;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.QueryParams;
import io.gatehouse.server.iceberg.IcebergCatalog.Access;
import io.gatehouse.server.iceberg.IcebergCatalog.Loaded;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ImmutableLoadCredentialsResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Apache Iceberg REST catalog (docs/iceberg.md), where Unity Catalog serves it. Bodies are
 * read and written by iceberg-core's own serializers ({@link IcebergJson}); errors take the
 * Iceberg shape (common.ErrorMapper, by path). Every endpoint served is listed in {@link
 * #ENDPOINTS}, which the config answer advertises: clients call nothing else.
 */
@ActsForEndUsers
@Path("/api/2.1/unity-catalog/iceberg/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Iceberg REST catalog")
public class IcebergResource {
  static final List<Endpoint> ENDPOINTS = List.of(
      Endpoint.V1_LIST_NAMESPACES, Endpoint.V1_LOAD_NAMESPACE, Endpoint.V1_NAMESPACE_EXISTS,
      Endpoint.V1_CREATE_NAMESPACE, Endpoint.V1_UPDATE_NAMESPACE, Endpoint.V1_DELETE_NAMESPACE,
      Endpoint.V1_LIST_TABLES, Endpoint.V1_LOAD_TABLE, Endpoint.V1_TABLE_EXISTS, Endpoint.V1_CREATE_TABLE,
      Endpoint.V1_UPDATE_TABLE, Endpoint.V1_DELETE_TABLE, Endpoint.V1_RENAME_TABLE, Endpoint.V1_REPORT_METRICS,
      Endpoint.V1_TABLE_CREDENTIALS);

  private static final String VENDED = "vended-credentials";

  private final IcebergCatalog catalog;

  IcebergResource(IcebergCatalog catalog) {
    this.catalog = catalog;
  }

  @GET
  @Path("config")
  @Performs(Operation.GET_CATALOG)
  public Response config(@QueryParam("warehouse") String warehouse) {
    if (warehouse == null || warehouse.isEmpty()) {
      throw GatehouseException.invalid("Query parameter 'warehouse' is required: the name of a catalog.");
    }
    CatalogEntity found = catalog.warehouse(warehouse);
    return json(ConfigResponse.builder().withOverride("prefix", found.name).withEndpoints(ENDPOINTS).build());
  }

  // --- Namespaces ---

  @GET
  @Path("{prefix}/namespaces")
  @Performs(Operation.LIST_SCHEMAS)
  public Response listNamespaces(@PathParam("prefix") String prefix, @QueryParam("parent") String parent,
      @QueryParam("pageToken") String pageToken, @QueryParam("pageSize") String pageSize) {
    return json(catalog.listNamespaces(prefix, parent, pageToken, pageSize));
  }

  @POST
  @Path("{prefix}/namespaces")
  @Consumes(MediaType.WILDCARD)
  @Performs(Operation.CREATE_SCHEMA)
  public Response createNamespace(@PathParam("prefix") String prefix, String body) {
    return json(catalog.createNamespace(prefix, IcebergJson.read(body, CreateNamespaceRequest.class)));
  }

  @GET
  @Path("{prefix}/namespaces/{namespace}")
  @Performs(Operation.GET_SCHEMA)
  public Response loadNamespace(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace) {
    return json(catalog.loadNamespace(prefix, namespace));
  }

  @HEAD
  @Path("{prefix}/namespaces/{namespace}")
  @Performs(Operation.GET_SCHEMA)
  public Response namespaceExists(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace) {
    catalog.loadNamespace(prefix, namespace);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{prefix}/namespaces/{namespace}")
  @Performs(Operation.DELETE_SCHEMA)
  public Response dropNamespace(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace) {
    catalog.dropNamespace(prefix, namespace);
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/properties")
  @Consumes(MediaType.WILDCARD)
  @Performs(Operation.UPDATE_SCHEMA)
  public Response updateNamespace(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace,
      String body) {
    return json(catalog.updateNamespace(prefix, namespace, IcebergJson.read(body, UpdateNamespacePropertiesRequest.class)));
  }

  // --- Tables ---

  @GET
  @Path("{prefix}/namespaces/{namespace}/tables")
  @Performs(Operation.LIST_TABLES)
  public Response listTables(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace,
      @QueryParam("pageToken") String pageToken, @QueryParam("pageSize") String pageSize) {
    return json(catalog.listTables(prefix, namespace, pageToken, pageSize));
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/tables")
  @Consumes(MediaType.WILDCARD)
  @Performs(Operation.CREATE_TABLE)
  public Response createTable(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace,
      @HeaderParam("X-Iceberg-Access-Delegation") String delegation, @HeaderParam("Authorization") String authorization,
      String body) {
    return json(catalog.createTable(prefix, namespace, IcebergJson.read(body, CreateTableRequest.class),
        access(delegation, authorization)));
  }

  @GET
  @Path("{prefix}/namespaces/{namespace}/tables/{table}")
  @Performs(Operation.LOAD_ICEBERG_TABLE)
  public Response loadTable(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace,
      @PathParam("table") String table, @QueryParam("snapshots") String snapshots,
      @HeaderParam("X-Iceberg-Access-Delegation") String delegation, @HeaderParam("Authorization") String authorization,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    if (snapshots != null && !snapshots.equals("all") && !snapshots.equals("refs")) {
      throw GatehouseException.invalid("Query parameter 'snapshots' must be 'all' or 'refs'.");
    }
    Loaded loaded = catalog.loadTable(prefix, namespace, table, "refs".equals(snapshots), access(delegation, authorization),
        ifNoneMatch);
    if (loaded.answer() == null) {
      return Response.notModified().header(HttpHeaders.ETAG, loaded.etag()).build();
    }
    String body = loaded.readRestrictions() == null
        ? IcebergJson.write(loaded.answer())
        : IcebergJson.write(loaded.answer(), ReadRestrictions.FIELD, loaded.readRestrictions());
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, loaded.etag()).build();
  }

  @HEAD
  @Path("{prefix}/namespaces/{namespace}/tables/{table}")
  @Performs(Operation.GET_TABLE)
  public Response tableExists(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace,
      @PathParam("table") String table) {
    catalog.tableExists(prefix, namespace, table);
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/tables/{table}")
  @Consumes(MediaType.WILDCARD)
  @Performs(Operation.COMMIT_ICEBERG_TABLE)
  public Response commit(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace,
      @PathParam("table") String table, @HeaderParam("X-Iceberg-Access-Delegation") String delegation,
      @HeaderParam("Authorization") String authorization, String body) {
    return json(catalog.commit(prefix, namespace, table, IcebergJson.read(body, UpdateTableRequest.class),
        access(delegation, authorization)));
  }

  @DELETE
  @Path("{prefix}/namespaces/{namespace}/tables/{table}")
  @Performs(Operation.DELETE_TABLE)
  public Response dropTable(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace,
      @PathParam("table") String table, @QueryParam("purgeRequested") String purge,
      @HeaderParam("Authorization") String authorization) {
    catalog.dropTable(prefix, namespace, table, QueryParams.bool("purgeRequested", purge), access(null, authorization));
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/tables/rename")
  @Consumes(MediaType.WILDCARD)
  @Performs(Operation.RENAME_TABLE)
  public Response rename(@PathParam("prefix") String prefix, String body) {
    catalog.renameTable(prefix, IcebergJson.read(body, RenameTableRequest.class));
    return Response.noContent().build();
  }

  @POST
  @Path("{prefix}/namespaces/{namespace}/tables/{table}/metrics")
  @Consumes(MediaType.WILDCARD)
  @Performs(Operation.REPORT_ICEBERG_METRICS)
  public Response metrics(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace,
      @PathParam("table") String table, String body) {
    // Reports are accepted from callers that may see the table, and not kept.
    catalog.reportMetrics(prefix, namespace, table);
    return Response.noContent().build();
  }

  @GET
  @Path("{prefix}/namespaces/{namespace}/tables/{table}/credentials")
  @Performs(Operation.LOAD_ICEBERG_CREDENTIALS)
  public Response credentials(@PathParam("prefix") String prefix, @PathParam("namespace") String namespace,
      @PathParam("table") String table, @HeaderParam("Authorization") String authorization) {
    return json(ImmutableLoadCredentialsResponse.builder()
        .addCredentials(catalog.tableCredentials(prefix, namespace, table, access(VENDED, authorization)))
        .build());
  }

  private static Access access(String delegation, String authorization) {
    boolean vended = delegation != null && List.of(delegation.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains(VENDED);
    return new Access(bearerOf(authorization), vended);
  }

  /**
   * The caller's bearer token, for passthrough: a JWT for OIDC passthrough, an access token for SAML
   * passthrough from a sign-in (the credentials service tells them apart and checks that the token
   * is the caller's own sign-in); null without one.
   */
  private static String bearerOf(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private static Response json(Object body) {
    return Response.ok(IcebergJson.write(body), MediaType.APPLICATION_JSON_TYPE).build();
  }
}
