package io.gatehouse.server.credentials;

import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.credentials.CredentialsApi.GenerateTemporaryModelVersionCredential;
import io.gatehouse.server.credentials.CredentialsApi.GenerateTemporaryPathCredential;
import io.gatehouse.server.credentials.CredentialsApi.GenerateTemporaryTableCredential;
import io.gatehouse.server.credentials.CredentialsApi.GenerateTemporaryVolumeCredential;
import io.gatehouse.server.credentials.CredentialsApi.TemporaryCredentials;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Unity Catalog's temporary credentials endpoints. Not transactional: the STS call of a cache
 * miss must not hold a database connection.
 */
@Path("/api/2.1/unity-catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "TemporaryCredentials")
public class TemporaryCredentialResource {
  private final TemporaryCredentialService service;

  TemporaryCredentialResource(TemporaryCredentialService service) {
    this.service = service;
  }

  @POST
  @Path("temporary-table-credentials")
  @Performs(Operation.GENERATE_TEMPORARY_TABLE_CREDENTIALS)
  public TemporaryCredentials table(GenerateTemporaryTableCredential request, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
    return service.forTable(request, bearer(auth));
  }

  @POST
  @Path("temporary-volume-credentials")
  @Performs(Operation.GENERATE_TEMPORARY_VOLUME_CREDENTIALS)
  public TemporaryCredentials volume(GenerateTemporaryVolumeCredential request, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
    return service.forVolume(request, bearer(auth));
  }

  @POST
  @Path("temporary-model-version-credentials")
  @Performs(Operation.GENERATE_TEMPORARY_MODEL_VERSION_CREDENTIALS)
  public TemporaryCredentials modelVersion(GenerateTemporaryModelVersionCredential request,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
    return service.forModelVersion(request, bearer(auth));
  }

  @POST
  @Path("temporary-path-credentials")
  @Performs(Operation.GENERATE_TEMPORARY_PATH_CREDENTIALS)
  public TemporaryCredentials path(GenerateTemporaryPathCredential request, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth) {
    return service.forPath(request, bearer(auth));
  }

  /**
   * The bearer token the request was authenticated with (verified already): a JWT for OIDC
   * passthrough, or an access token, which may be a SAML sign-in's; null for none.
   */
  static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }
}
