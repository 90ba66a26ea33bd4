package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.VolumeApi.CreateVolume;
import io.gatehouse.server.catalog.VolumeApi.ListVolumesResponse;
import io.gatehouse.server.catalog.VolumeApi.UpdateVolume;
import io.gatehouse.server.catalog.VolumeApi.VolumeInfo;
import io.gatehouse.server.catalog.VolumeApi.VolumeType;
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
@Path("/api/2.1/unity-catalog/volumes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Volumes")
@Transactional
public class VolumeResource {
  private final VolumeService volumes;

  VolumeResource(VolumeService volumes) {
    this.volumes = volumes;
  }

  @POST
  @Performs(Operation.CREATE_VOLUME)
  public VolumeInfo create(CreateVolume request) {
    return info(volumes.create(request));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Performs(Operation.LIST_VOLUMES)
  public ListVolumesResponse list(
      @QueryParam("catalog_name") String catalogName,
      @QueryParam("schema_name") String schemaName,
      @QueryParam("max_results") String maxResults,
      @QueryParam("page_token") String pageToken,
      @QueryParam("include_browse") String includeBrowse) {
    PageRequest page = PageRequest.parse(VolumeService.PAGE_KIND, maxResults, pageToken);
    Listing<VolumeEntity> listing = volumes.list(catalogName, schemaName, page, QueryParams.bool("include_browse", includeBrowse));
    var slice = page.slice(VolumeService.PAGE_KIND, listing.rows(), v -> SchemaChildEntity.key(v.name));
    return new ListVolumesResponse(
        slice.items().stream().map(VolumeResource::info).toList(), slice.nextPageToken());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Path("{name}")
  @Performs(Operation.GET_VOLUME)
  public VolumeInfo get(@PathParam("name") String fullName, @QueryParam("include_browse") String includeBrowse) {
    return info(volumes.get(fullName, QueryParams.bool("include_browse", includeBrowse)));
  }

  @PATCH
  @Path("{name}")
  @Performs(Operation.UPDATE_VOLUME)
  public VolumeInfo update(@PathParam("name") String fullName, UpdateVolume request) {
    return info(volumes.update(fullName, request));
  }

  @DELETE
  @Path("{name}")
  @Performs(Operation.DELETE_VOLUME)
  public Map<String, Object> delete(@PathParam("name") String fullName) {
    volumes.delete(fullName);
    return Map.of();
  }

  static VolumeInfo info(VolumeEntity v) {
    return new VolumeInfo(
        v.schema.catalog.name,
        v.schema.name,
        v.name,
        v.comment,
        v.owner,
        SecurableEntity.millis(v.createdAt),
        v.createdBy,
        SecurableEntity.millis(v.updatedAt),
        v.updatedBy,
        v.id.toString(),
        VolumeType.valueOf(v.volumeType),
        v.storageLocation,
        v.fullName());
  }
}
