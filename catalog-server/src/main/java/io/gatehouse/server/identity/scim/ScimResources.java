package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.PrincipalEntity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The SCIM resource endpoints, one class per resource type as JAX-RS wants them. */
public final class ScimResources {
  private ScimResources() {}

  @Path(ScimEndpoint.BASE + "/Users")
  @Produces({ScimEndpoint.MEDIA_TYPE, "application/json"})
  @Consumes({ScimEndpoint.MEDIA_TYPE, "application/json"})
  @Tag(name = "SCIM")
  public static class Users extends ScimEndpoint {
    Users(ScimDirectory directory, CallerContext caller, io.gatehouse.server.audit.AuditTrail audit) {
      super(ScimKind.USER, directory, caller, audit);
    }
  }

  @Path(ScimEndpoint.BASE + "/Groups")
  @Produces({ScimEndpoint.MEDIA_TYPE, "application/json"})
  @Consumes({ScimEndpoint.MEDIA_TYPE, "application/json"})
  @Tag(name = "SCIM")
  public static class Groups extends ScimEndpoint {
    Groups(ScimDirectory directory, CallerContext caller, io.gatehouse.server.audit.AuditTrail audit) {
      super(ScimKind.GROUP, directory, caller, audit);
    }
  }

  @Path(ScimEndpoint.BASE + "/ServicePrincipals")
  @Produces({ScimEndpoint.MEDIA_TYPE, "application/json"})
  @Consumes({ScimEndpoint.MEDIA_TYPE, "application/json"})
  @Tag(name = "SCIM")
  public static class ServicePrincipals extends ScimEndpoint {
    ServicePrincipals(ScimDirectory directory, CallerContext caller, io.gatehouse.server.audit.AuditTrail audit) {
      super(ScimKind.SERVICE_PRINCIPAL, directory, caller, audit);
    }
  }

  /** The caller's own resource: a user, or a service principal. */
  @Path(ScimEndpoint.BASE + "/Me")
  @Produces({ScimEndpoint.MEDIA_TYPE, "application/json"})
  @Tag(name = "SCIM")
  public static class Me {
    private final ScimDirectory directory;
    private final CallerContext caller;

    Me(ScimDirectory directory, CallerContext caller) {
      this.directory = directory;
      this.caller = caller;
    }

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public Response get(@Context UriInfo uri) {
      PrincipalEntity me = PrincipalEntity.findById(caller.principal().id());
      if (me == null) {
        throw ScimException.notFound("The caller's principal no longer exists.");
      }
      var json = ScimRepresentation.toJson(me, directory.related(me), directory.assignments(me),
          ScimEndpoint.location(uri, me));
      // The caller's own resource also lists the groups it holds through other groups (RFC 7643's
      // "indirect" memberships): what its decisions count, so that clients can tell "your group".
      var groups = (ArrayNode) json.get("groups");
      for (var r : directory.indirectGroups(me)) {
        ScimRepresentation.reference(groups, r, "indirect");
      }
      return Response.ok(json).type(ScimEndpoint.MEDIA_TYPE).header("ETag", ScimRepresentation.etag(me)).build();
    }
  }
}
