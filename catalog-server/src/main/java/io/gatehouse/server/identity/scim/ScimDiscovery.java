package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this SCIM service supports (RFC 7644 §4): its configuration, schemas and resource types. */
@Path(ScimEndpoint.BASE)
@Produces({ScimEndpoint.MEDIA_TYPE, "application/json"})
@Tag(name = "SCIM")
public class ScimDiscovery {
  private static final JsonNode CONFIG = load("service-provider-config.json");
  private static final ArrayNode SCHEMAS = (ArrayNode) load("schemas.json");
  private static final ArrayNode RESOURCE_TYPES = (ArrayNode) load("resource-types.json");

  @GET
  @Path("ServiceProviderConfig")
  public Response config() {
    return ok(CONFIG);
  }

  @GET
  @Path("Schemas")
  public Response schemas() {
    return ok(listResponse(SCHEMAS));
  }

  @GET
  @Path("Schemas/{id}")
  public Response schema(@PathParam("id") String id) {
    return ok(byId(SCHEMAS, id, "Schema"));
  }

  @GET
  @Path("ResourceTypes")
  public Response resourceTypes() {
    return ok(listResponse(RESOURCE_TYPES));
  }

  @GET
  @Path("ResourceTypes/{id}")
  public Response resourceType(@PathParam("id") String id) {
    return ok(byId(RESOURCE_TYPES, id, "ResourceType"));
  }

  private static JsonNode byId(ArrayNode list, String id, String what) {
    for (JsonNode node : list) {
      if (node.get("id").asText().equalsIgnoreCase(id)) {
        return node;
      }
    }
    throw ScimException.notFound(what + " '" + (id.length() > 100 ? id.substring(0, 100) : id) + "' does not exist.");
  }

  private static ObjectNode listResponse(ArrayNode items) {
    ObjectNode body = ScimRepresentation.JSON.createObjectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
    body.put("totalResults", items.size());
    body.put("startIndex", 1);
    body.put("itemsPerPage", items.size());
    body.set("Resources", items);
    return body;
  }

  private static Response ok(JsonNode body) {
    return Response.ok(body).type(ScimEndpoint.MEDIA_TYPE).build();
  }

  private static JsonNode load(String name) {
    try (InputStream in = ScimDiscovery.class.getResourceAsStream("/scim/" + name)) {
      return ScimRepresentation.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
