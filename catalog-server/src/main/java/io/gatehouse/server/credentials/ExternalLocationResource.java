package io.gatehouse.server.credentials;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.SecurableEntity;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.QueryParams;
import io.gatehouse.server.credentials.CredentialsApi.CreateExternalLocation;
import io.gatehouse.server.credentials.CredentialsApi.EncryptionDetails;
import io.gatehouse.server.credentials.CredentialsApi.ExternalLocationInfo;
import io.gatehouse.server.credentials.CredentialsApi.ListExternalLocationsResponse;
import io.gatehouse.server.credentials.CredentialsApi.SseEncryptionDetails;
import io.gatehouse.server.credentials.CredentialsApi.UpdateExternalLocation;
import io.gatehouse.server.catalog.Isolation;
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
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ActsForEndUsers
@Path("/api/2.1/unity-catalog/external-locations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "External Locations")
@Transactional
public class ExternalLocationResource {
  private final ExternalLocationService locations;

  ExternalLocationResource(ExternalLocationService locations) {
    this.locations = locations;
  }

  @POST
  @Performs(Operation.CREATE_EXTERNAL_LOCATION)
  public ExternalLocationInfo create(CreateExternalLocation request) {
    return info(locations.create(request));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Performs(Operation.LIST_EXTERNAL_LOCATIONS)
  public ListExternalLocationsResponse list(@QueryParam("max_results") String maxResults, @QueryParam("page_token") String pageToken) {
    PageRequest page = PageRequest.parse(ExternalLocationService.PAGE_KIND, maxResults, pageToken);
    var slice = page.slice(ExternalLocationService.PAGE_KIND, locations.list(page), l -> l.name.toLowerCase(Locale.ROOT));
    return new ListExternalLocationsResponse(slice.items().stream().map(ExternalLocationResource::info).toList(),
        slice.nextPageToken());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Path("{name}")
  @Performs(Operation.GET_EXTERNAL_LOCATION)
  public ExternalLocationInfo get(@PathParam("name") String name) {
    return info(locations.get(name));
  }

  @PATCH
  @Path("{name}")
  @Performs(Operation.UPDATE_EXTERNAL_LOCATION)
  public ExternalLocationInfo update(@PathParam("name") String name, UpdateExternalLocation request) {
    return info(locations.update(name, request));
  }

  @DELETE
  @Path("{name}")
  @Performs(Operation.DELETE_EXTERNAL_LOCATION)
  public Map<String, Object> delete(@PathParam("name") String name, @QueryParam("force") String force) {
    locations.delete(name, QueryParams.bool("force", force));
    return Map.of();
  }

  static ExternalLocationInfo info(ExternalLocationEntity l) {
    return new ExternalLocationInfo(
        l.name,
        l.id.toString(),
        l.url,
        l.credential.name,
        l.comment,
        l.owner,
        l.credential.id.toString(),
        l.sseAlgorithm == null ? null : new EncryptionDetails(new SseEncryptionDetails(l.sseAlgorithm, l.kmsKeyArn)),
        SecurableEntity.millis(l.createdAt),
        l.createdBy,
        SecurableEntity.millis(l.updatedAt),
        l.updatedBy,
        Isolation.wire(l.isolationMode));
  }
}
