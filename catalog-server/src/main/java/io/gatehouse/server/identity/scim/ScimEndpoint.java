package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.Memberships;
import io.gatehouse.server.identity.PrincipalEntity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SCIM operations of one resource type (RFC 7644 §3): list with filter and paging, create,
 * read, replace, patch and delete, with ETags. Reading is open to every authenticated caller;
 * changing principals is for metastore admins.
 */
public abstract class ScimEndpoint {
  public static final String BASE = "/api/2.0/scim/v2";
  public static final String MEDIA_TYPE = "application/scim+json";

  private final ScimKind kind;
  private final ScimDirectory directory;
  private final CallerContext caller;
  private final io.gatehouse.server.audit.AuditTrail audit;

  protected ScimEndpoint(ScimKind kind, ScimDirectory directory, CallerContext caller, io.gatehouse.server.audit.AuditTrail audit) {
    this.kind = kind;
    this.directory = directory;
    this.caller = caller;
    this.audit = audit;
  }

  /** Principal changes go into the audit trail, in the request that makes them. */
  private void audited(String action, PrincipalEntity p) {
    audit.record(action, kind.resourceType.toLowerCase(java.util.Locale.ROOT), p.name,
        io.gatehouse.server.audit.AuditEvent.Result.SUCCEEDED, () -> "active=" + p.active + ", id=" + p.id);
  }

  @GET
  @Transactional(Transactional.TxType.SUPPORTS)
  public Response list(
      @QueryParam("filter") String filter,
      @QueryParam("startIndex") String startIndex,
      @QueryParam("count") String count,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @Context UriInfo uri) {
    int start = Math.max(1, integer("startIndex", startIndex, 1));
    int size = Math.min(ScimDirectory.MAX_COUNT, Math.max(0, integer("count", count, 100)));
    ScimProjection projection = ScimProjection.of(attributes, excludedAttributes);
    ScimDirectory.Page page = directory.list(kind, filter, start, size);
    ObjectNode body = ScimRepresentation.JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    body.put("totalResults", page.total());
    body.put("startIndex", start);
    body.put("itemsPerPage", page.items().size());
    ArrayNode resources = body.putArray("Resources");
    // The members or groups of the whole page in one query, and only when they will be returned.
    Map<UUID, List<Memberships.Related>> related = projection.includes(relatedAttribute(kind))
        ? directory.related(kind, page.items().stream().map(p -> p.id).toList())
        : null;
    Map<UUID, ScimAssignments> assigned = projection.includes("roles") || projection.includes("entitlements")
        ? directory.assignments(page.items().stream().map(p -> p.id).toList())
        : null;
    for (PrincipalEntity p : page.items()) {
      var rows = related == null ? null : related.getOrDefault(p.id, List.of());
      resources.add(projection.apply(ScimRepresentation.toJson(p, rows, assigned == null ? null : assigned.get(p.id),
          location(uri, p))));
    }
    return Response.ok(body).type(MEDIA_TYPE).build();
  }

  @POST
  @Transactional
  public Response create(JsonNode body, @Context UriInfo uri) {
    caller.requireAdmin("provision " + kind.endpoint);
    PrincipalEntity p = directory.create(kind, body);
    audited("CREATE_" + kind.name(), p);
    return Response.status(201)
        .entity(render(p, ScimProjection.of(null, null), uri))
        .type(MEDIA_TYPE)
        .header("Location", location(uri, p))
        .header("ETag", ScimRepresentation.etag(p))
        .build();
  }

  @GET
  @Path("{id}")
  @Transactional(Transactional.TxType.SUPPORTS)
  public Response get(
      @PathParam("id") String id,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes,
      @Context UriInfo uri) {
    return single(directory.get(kind, id), ScimProjection.of(attributes, excludedAttributes), uri);
  }

  @PUT
  @Path("{id}")
  @Transactional
  public Response replace(
      @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, JsonNode body, @Context UriInfo uri) {
    caller.requireAdmin("change " + kind.endpoint);
    PrincipalEntity p = directory.replace(kind, id, body, ifMatch);
    audited("REPLACE_" + kind.name(), p);
    return single(p, ScimProjection.of(null, null), uri);
  }

  @PATCH
  @Path("{id}")
  @Transactional
  public Response patch(
      @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, JsonNode body, @Context UriInfo uri) {
    caller.requireAdmin("change " + kind.endpoint);
    PrincipalEntity p = directory.patch(kind, id, body, ifMatch);
    audited("PATCH_" + kind.name(), p);
    return single(p, ScimProjection.of(null, null), uri);
  }

  @DELETE
  @Path("{id}")
  @Transactional
  public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
    caller.requireAdmin("delete " + kind.endpoint);
    PrincipalEntity p = directory.get(kind, id);
    directory.delete(kind, id, ifMatch);
    audited("DELETE_" + kind.name(), p);
    return Response.noContent().build();
  }

  Response single(PrincipalEntity p, ScimProjection projection, UriInfo uri) {
    return Response.ok(render(p, projection, uri)).type(MEDIA_TYPE).header("ETag", ScimRepresentation.etag(p)).build();
  }

  ObjectNode render(PrincipalEntity p, ScimProjection projection, UriInfo uri) {
    // Members of a large group are only read when they will be returned.
    var relatedRows = projection.includes(relatedAttribute(ScimKind.of(p.kind))) ? directory.related(p) : null;
    boolean assignments = projection.includes("roles") || projection.includes("entitlements");
    return projection.apply(ScimRepresentation.toJson(p, relatedRows, assignments ? directory.assignments(p) : null,
        location(uri, p)));
  }

  private static String relatedAttribute(ScimKind kind) {
    return kind == ScimKind.GROUP ? "members" : "groups";
  }

  static String location(UriInfo uri, PrincipalEntity p) {
    return uri.getBaseUri().resolve(BASE.substring(1) + "/" + ScimKind.of(p.kind).endpoint + "/" + p.id).toString();
  }

  private static int integer(String name, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ScimException.invalidValue("Query parameter '" + name + "' must be an integer.");
    }
  }
}
