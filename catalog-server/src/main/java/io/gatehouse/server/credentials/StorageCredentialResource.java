package io.gatehouse.server.credentials;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.SecurableEntity;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.QueryParams;
import io.gatehouse.server.credentials.CredentialsApi.AwsIamRoleResponse;
import io.gatehouse.server.credentials.CredentialsApi.CreateCredentialRequest;
import io.gatehouse.server.credentials.CredentialsApi.CredentialInfo;
import io.gatehouse.server.credentials.CredentialsApi.CredentialPurpose;
import io.gatehouse.server.credentials.CredentialsApi.ListCredentialsResponse;
import io.gatehouse.server.credentials.CredentialsApi.UpdateCredentialRequest;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ActsForEndUsers
@Path("/api/2.1/unity-catalog/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Credentials")
@Transactional
public class StorageCredentialResource {
  private final StorageCredentialService credentials;
  private final CredentialsConfig config;

  StorageCredentialResource(StorageCredentialService credentials, CredentialsConfig config) {
    this.credentials = credentials;
    this.config = config;
  }

  @POST
  @Performs(Operation.CREATE_STORAGE_CREDENTIAL)
  public CredentialInfo create(CreateCredentialRequest request) {
    return info(credentials.create(request));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Performs(Operation.LIST_STORAGE_CREDENTIALS)
  public ListCredentialsResponse list(@QueryParam("max_results") String maxResults, @QueryParam("page_token") String pageToken,
      @QueryParam("purpose") String purpose) {
    if (purpose != null && !purpose.toUpperCase(Locale.ROOT).equals(CredentialPurpose.STORAGE.name())) {
      // Only storage credentials exist here: any other purpose lists nothing.
      return new ListCredentialsResponse(java.util.List.of(), null);
    }
    PageRequest page = PageRequest.parse(StorageCredentialService.PAGE_KIND, maxResults, pageToken);
    var slice = page.slice(StorageCredentialService.PAGE_KIND, credentials.list(page), c -> c.name.toLowerCase(Locale.ROOT));
    return new ListCredentialsResponse(slice.items().stream().map(this::info).toList(), slice.nextPageToken());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  @GET
  @Path("{name}")
  @Performs(Operation.GET_STORAGE_CREDENTIAL)
  public CredentialInfo get(@PathParam("name") String name) {
    return info(credentials.get(name));
  }

  @PATCH
  @Path("{name}")
  @Performs(Operation.UPDATE_STORAGE_CREDENTIAL)
  public CredentialInfo update(@PathParam("name") String name, UpdateCredentialRequest request) {
    return info(credentials.update(name, request));
  }

  @DELETE
  @Path("{name}")
  @Performs(Operation.DELETE_STORAGE_CREDENTIAL)
  public Map<String, Object> delete(@PathParam("name") String name, @QueryParam("force") String force) {
    credentials.delete(name, QueryParams.bool("force", force));
    return Map.of();
  }

  CredentialInfo info(StorageCredentialEntity c) {
    return new CredentialInfo(
        c.name,
        new AwsIamRoleResponse(c.roleArn, config.catalogIamArn().orElse(null), c.externalId),
        c.comment,
        c.owner,
        c.name,
        c.id.toString(),
        SecurableEntity.millis(c.createdAt),
        c.createdBy,
        SecurableEntity.millis(c.updatedAt),
        c.updatedBy,
        purpose(c.purpose),
        c.accessMode,
        c.dataRoleArns().isEmpty() ? null : c.dataRoleArns(),
        io.gatehouse.server.catalog.Isolation.wire(c.isolationMode));
  }

  private static CredentialPurpose purpose(String stored) {
    try {
      return CredentialPurpose.valueOf(stored);
    } catch (IllegalArgumentException e) {
      throw new GatehouseException(io.gatehouse.server.common.ErrorCode.INTERNAL, "unknown stored credential purpose");
    }
  }
}
