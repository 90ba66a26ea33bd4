package io.gatehouse.server.network;

import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.network.IpAccessListApi.ChangeList;
import io.gatehouse.server.network.IpAccessListApi.CreateList;
import io.gatehouse.server.network.IpAccessListApi.Lists;
import io.gatehouse.server.network.IpAccessListApi.OneList;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** IP access lists in the shape of the Databricks API; metastore admins only. */
@Path("/api/2.0/ip-access-lists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "IP access lists")
@Performs(Operation.MANAGE_IP_ACCESS_LISTS)
public class IpAccessListResource {
  private final IpAccessListService service;

  IpAccessListResource(IpAccessListService service) {
    this.service = service;
  }

  @POST
  public OneList create(CreateList request) {
    return new OneList(service.create(request));
  }

  @GET
  public Lists list() {
    return new Lists(service.list());
  }

  @GET
  @Path("{ip_access_list_id}")
  public OneList get(@PathParam("ip_access_list_id") String id) {
    return new OneList(service.get(id));
  }

  @PATCH
  @Path("{ip_access_list_id}")
  public OneList update(@PathParam("ip_access_list_id") String id, ChangeList request) {
    return new OneList(service.change(id, request, false));
  }

  @PUT
  @Path("{ip_access_list_id}")
  public OneList replace(@PathParam("ip_access_list_id") String id, ChangeList request) {
    return new OneList(service.change(id, request, true));
  }

  @DELETE
  @Path("{ip_access_list_id}")
  public Map<String, Object> delete(@PathParam("ip_access_list_id") String id) {
    service.delete(id);
    return Map.of();
  }
}
