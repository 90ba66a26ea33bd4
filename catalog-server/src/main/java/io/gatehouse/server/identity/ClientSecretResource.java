package io.gatehouse.server.identity;

import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.TokenApi.CreateSecret;
import io.gatehouse.server.identity.TokenApi.SecretInfo;
import io.gatehouse.server.identity.TokenApi.SecretList;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * OAuth client secrets of service principals, managed by admins. A service principal exchanges
 * its application id and a secret at {@code /oidc/v1/token} for a short-lived access token.
 */
@Path("/api/2.0/service-principals/{application_id}/credentials/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Service principal secrets")
@Transactional
public class ClientSecretResource {
  static final long MAX_LIFETIME_SECONDS = TokenService.MAX_LIFETIME_SECONDS;

  private final CallerContext caller;
  private final AuditTrail audit;

  ClientSecretResource(CallerContext caller, AuditTrail audit) {
    this.caller = caller;
    this.audit = audit;
  }

  @POST
  public SecretInfo create(@PathParam("application_id") String applicationId, CreateSecret request) {
    caller.requireAdmin("create service principal secrets");
    PrincipalEntity sp = servicePrincipal(applicationId);
    Long lifetime = request == null ? null : request.lifetimeSeconds();
    if (lifetime != null && (lifetime <= 0 || lifetime > MAX_LIFETIME_SECONDS)) {
      throw GatehouseException.invalid("Field 'lifetime_seconds' must be between 1 and " + MAX_LIFETIME_SECONDS + ".");
    }
    String value = Tokens.newSecret(Tokens.CLIENT_SECRET_PREFIX);
    SecretEntity secret = new SecretEntity();
    secret.id = Tokens.newId();
    secret.principalId = sp.id;
    secret.hash = Tokens.hash(value);
    secret.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    secret.expiresAt = lifetime == null ? null : secret.createdAt.plusSeconds(lifetime);
    secret.persist();
    audit.record("CREATE_SECRET", "SECRET", secret.id, AuditEvent.Result.SUCCEEDED,
        () -> "service principal=" + sp.name + ", expires=" + (secret.expiresAt == null ? "never" : secret.expiresAt.toString()));
    return info(secret, value);
  }

  @GET
  public SecretList list(@PathParam("application_id") String applicationId) {
    caller.requireAdmin("list service principal secrets");
    PrincipalEntity sp = servicePrincipal(applicationId);
    return new SecretList(
        SecretEntity.<SecretEntity>list("principalId = ?1 order by createdAt", sp.id).stream()
            .map(s -> info(s, null))
            .toList());
  }

  @DELETE
  @Path("{secret_id}")
  public Map<String, Object> delete(
      @PathParam("application_id") String applicationId, @PathParam("secret_id") String secretId) {
    caller.requireAdmin("delete service principal secrets");
    PrincipalEntity sp = servicePrincipal(applicationId);
    long deleted = SecretEntity.delete("id = ?1 and principalId = ?2", secretId, sp.id);
    if (deleted == 0) {
      throw GatehouseException.notFound("Secret '" + Validation.printable(secretId) + "' does not exist.");
    }
    audit.record("REVOKE_SECRET", "SECRET", secretId, AuditEvent.Result.SUCCEEDED,
        () -> "service principal=" + sp.name);
    return Map.of();
  }

  private static PrincipalEntity servicePrincipal(String applicationId) {
    PrincipalEntity sp = PrincipalEntity.findByName(Principal.Type.SERVICE_PRINCIPAL, applicationId);
    if (sp == null) {
      throw GatehouseException.notFound("Service principal '" + Validation.printable(applicationId) + "' does not exist.");
    }
    return sp;
  }

  private static SecretInfo info(SecretEntity s, String value) {
    boolean expired = s.expiresAt != null && !s.expiresAt.isAfter(Instant.now());
    return new SecretInfo(
        s.id, value, expired ? "EXPIRED" : "ACTIVE", s.createdAt.toString(), s.expiresAt == null ? null : s.expiresAt.toString());
  }
}
