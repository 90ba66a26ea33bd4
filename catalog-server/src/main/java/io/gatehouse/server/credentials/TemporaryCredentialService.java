package io.gatehouse.server.credentials;

import io.gatehouse.credentials.AccessLevel;
import io.gatehouse.credentials.CredentialRequestException;
import io.gatehouse.credentials.CredentialVendor;
import io.gatehouse.credentials.CredentialsUnavailableException;
import io.gatehouse.credentials.RoleSource;
import io.gatehouse.credentials.S3Location;
import io.gatehouse.credentials.StorageScope;
import io.gatehouse.credentials.StsCallException;
import io.gatehouse.credentials.VendRequest;
import io.gatehouse.credentials.VendedCredentials;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer.Need;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.CatalogLookup;
import io.gatehouse.server.catalog.ModelVersionEntity;
import io.gatehouse.server.catalog.RegisteredModelEntity;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.VolumeEntity;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.credentials.CredentialsApi.AwsCredentials;
import io.gatehouse.server.credentials.CredentialsApi.GenerateTemporaryModelVersionCredential;
import io.gatehouse.server.credentials.CredentialsApi.GenerateTemporaryPathCredential;
import io.gatehouse.server.credentials.CredentialsApi.ModelVersionOperation;
import io.gatehouse.server.credentials.CredentialsApi.GenerateTemporaryTableCredential;
import io.gatehouse.server.credentials.CredentialsApi.GenerateTemporaryVolumeCredential;
import io.gatehouse.server.credentials.CredentialsApi.PathOperation;
import io.gatehouse.server.credentials.CredentialsApi.TableOperation;
import io.gatehouse.server.credentials.CredentialsApi.TemporaryCredentials;
import io.gatehouse.server.credentials.CredentialsApi.VolumeOperation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.OidcVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Temporary credentials for a table, a volume or a path: the caller's privileges are decided
 * first (SELECT, and MODIFY to write, for a table; READ VOLUME, and WRITE VOLUME to write, for a
 * volume; READ FILES, WRITE FILES or CREATE EXTERNAL TABLE on the external location for a path;
 * USE on the containers; EXTERNAL USE SCHEMA for outside engines), and only an authorized request
 * reaches the vendor and STS. The storage credential is the one of the external location that
 * contains the path. Each issuance is audited with the role, session and expiry, never the secret.
 *
 * <p>No database transaction is held here: the lookups are reads, and the STS call may be slow.
 */
@ApplicationScoped
public class TemporaryCredentialService {
  private static final Logger LOG = Logger.getLogger(TemporaryCredentialService.class);
  static final Operation TABLE_ACTION = Operation.GENERATE_TEMPORARY_TABLE_CREDENTIALS;
  static final Operation VOLUME_ACTION = Operation.GENERATE_TEMPORARY_VOLUME_CREDENTIALS;
  static final Operation MODEL_VERSION_ACTION = Operation.GENERATE_TEMPORARY_MODEL_VERSION_CREDENTIALS;
  static final Operation PATH_ACTION = Operation.GENERATE_TEMPORARY_PATH_CREDENTIALS;

  private final Authorizer authorizer;
  private final CallerContext caller;
  private final CredentialVendor vendor;
  private final ExternalLocations locations;
  private final CredentialsConfig config;
  private final AuditTrail trail;
  private final ScimRoleChoice scimRoles;
  private final SignInCredentials signIns;

  TemporaryCredentialService(Authorizer authorizer, CallerContext caller, CredentialVendor vendor, ExternalLocations locations,
      CredentialsConfig config, AuditTrail trail, ScimRoleChoice scimRoles, SignInCredentials signIns) {
    this.scimRoles = scimRoles;
    this.signIns = signIns;
    this.authorizer = authorizer;
    this.caller = caller;
    this.vendor = vendor;
    this.locations = locations;
    this.config = config;
    this.trail = trail;
  }

  /**
   * What the caller presents for passthrough: its SAML response, and the bearer token it
   * authenticated with: an OIDC JWT (OIDC passthrough) or an access token (perhaps a SAML
   * sign-in's); any may be null.
   */
  record Presented(String samlResponse, String bearer, String roleArn) {
    String oidcToken() {
      return bearer != null && OidcVerifier.looksLikeJwt(bearer) ? bearer : null;
    }

    String accessToken() {
      return bearer != null && !OidcVerifier.looksLikeJwt(bearer) ? bearer : null;
    }
  }

  public TemporaryCredentials forTable(GenerateTemporaryTableCredential request, String bearer) {
    return forTable(request, bearer, false);
  }

  /**
   * As {@link #forTable(GenerateTemporaryTableCredential, String)}; with {@code engineEnforces}
   * also for a table with a row filter or column masks: the caller is an engine acting on behalf
   * of the request's principal (authz.OnBehalfOf), which applies them itself. Such an engine also
   * gets READ_WRITE credentials for a writer holding MODIFY without SELECT: it reads nothing for it.
   */
  public TemporaryCredentials forTable(GenerateTemporaryTableCredential request, String bearer, boolean engineEnforces) {
    Validation.required("body", request);
    UUID id = id("table_id", request.tableId());
    TableOperation operation = Validation.required("operation", request.operation());
    if (operation == TableOperation.UNKNOWN_TABLE_OPERATION) {
      throw GatehouseException.invalid("Field 'operation' must be READ or READ_WRITE.");
    }
    TableEntity table = TableEntity.find("from TableEntity t join fetch t.schema s join fetch s.catalog where t.id = ?1", id)
        .firstResult();
    if (table == null) {
      throw GatehouseException.notFound("Table with id '" + id + "' does not exist.");
    }
    Target target = Securables.of(table);
    boolean enforcedElsewhere = engineEnforces && caller.actingPrincipal() != null;
    List<Need> needs = new ArrayList<>();
    // An engine acting for a writer keeps the writer from reading: MODIFY alone lets it write.
    if (operation == TableOperation.READ || !enforcedElsewhere) {
      needs.add(new Need(target, Privilege.SELECT));
    }
    if (operation == TableOperation.READ_WRITE) {
      needs.add(new Need(target, Privilege.MODIFY));
    }
    addExternalUse(needs, target);
    authorizer.requireAll(TABLE_ACTION, target, needs);
    if (!enforcedElsewhere && authorizer.snapshot().hasRowFilterOrMask(target.securable())) {
      String reason = "table " + table.fullName() + " has a row filter or column masks, which reading its files directly"
          + " would bypass";
      authorizer.denied(TABLE_ACTION, target, reason);
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + caller.name()
          + "' may not have credentials for the files of " + reason + ".");
    }
    return vendForTable(table, target, operation, new Presented(request.samlResponse(), bearer, request.roleArn()));
  }

  /**
   * READ credentials for a table an engine reads beneath {@code view} for the reader, whose
   * ResolveTable decided the rest (the view names the table, its owner may read it): the reader
   * needs SELECT on the view (EXTERNAL USE SCHEMA on its schema for outside engines), and only an
   * engine acting for the reader gets them, since it applies the view's definition; a user's own
   * token would get the files of the whole table.
   */
  public TemporaryCredentials forTableThroughView(String tableId, Target view, String bearer) {
    UUID id = id("table_id", tableId);
    TableEntity table = TableEntity.find("from TableEntity t join fetch t.schema s join fetch s.catalog where t.id = ?1", id)
        .firstResult();
    if (table == null) {
      throw GatehouseException.notFound("Table with id '" + id + "' does not exist.");
    }
    Target target = Securables.of(table);
    List<Need> needs = new ArrayList<>();
    needs.add(new Need(view, Privilege.SELECT));
    addExternalUse(needs, view);
    authorizer.requireAll(TABLE_ACTION, target, needs);
    if (caller.actingPrincipal() == null) {
      String reason = "table " + table.fullName() + " is read through a view, whose definition only an engine acting for"
          + " the reader applies";
      authorizer.denied(TABLE_ACTION, target, reason);
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + caller.name()
          + "' may not have credentials for the files of " + reason + ".");
    }
    return vendForTable(table, target, TableOperation.READ, new Presented(null, bearer, null));
  }

  /** Credentials for the files of {@code table}, once everything has been decided. */
  private TemporaryCredentials vendForTable(TableEntity table, Target target, TableOperation operation, Presented presented) {
    if (table.storageLocation == null) {
      throw GatehouseException.invalid("Table '" + table.fullName() + "' is a view and has no storage location.");
    }
    Map<String, String> context = new LinkedHashMap<>();
    context.put("catalog", table.schema.catalog.name);
    context.put("schema", table.schema.name);
    context.put("table", table.name);
    requireHeld(table.id, table.storageLocation);
    return vend(TABLE_ACTION, target, table.storageLocation,
        operation == TableOperation.READ ? AccessLevel.READ : AccessLevel.READ_WRITE, operation.name(), context, presented);
  }

  public TemporaryCredentials forVolume(GenerateTemporaryVolumeCredential request, String bearer) {
    Validation.required("body", request);
    UUID id = id("volume_id", request.volumeId());
    VolumeOperation operation = Validation.required("operation", request.operation());
    if (operation == VolumeOperation.UNKNOWN_VOLUME_OPERATION) {
      throw GatehouseException.invalid("Field 'operation' must be READ_VOLUME or WRITE_VOLUME.");
    }
    VolumeEntity volume = VolumeEntity.find("from VolumeEntity v join fetch v.schema s join fetch s.catalog where v.id = ?1", id)
        .firstResult();
    if (volume == null) {
      throw GatehouseException.notFound("Volume with id '" + id + "' does not exist.");
    }
    Target target = Securables.of(volume);
    List<Need> needs = new ArrayList<>();
    needs.add(new Need(target, Privilege.READ_VOLUME));
    if (operation == VolumeOperation.WRITE_VOLUME) {
      needs.add(new Need(target, Privilege.WRITE_VOLUME));
    }
    addExternalUse(needs, target);
    authorizer.requireAll(VOLUME_ACTION, target, needs);
    Map<String, String> context = new LinkedHashMap<>();
    context.put("catalog", volume.schema.catalog.name);
    context.put("schema", volume.schema.name);
    context.put("volume", volume.name);
    requireHeld(volume.id, volume.storageLocation);
    return vend(VOLUME_ACTION, target, volume.storageLocation,
        operation == VolumeOperation.READ_VOLUME ? AccessLevel.READ : AccessLevel.READ_WRITE, operation.name(), context,
        new Presented(request.samlResponse(), bearer, request.roleArn()));
  }

  /**
   * Credentials for one model version's folder, {@code <model location>/versions/<n>}, and
   * nothing around it: READ for a holder of EXECUTE on the model; READ_WRITE only while the
   * version is PENDING_REGISTRATION, and only for the model's owner or a holder of MANAGE on it
   * (who may create and finalize versions). A finalized version's artifacts are never written again.
   */
  public TemporaryCredentials forModelVersion(GenerateTemporaryModelVersionCredential request, String bearer) {
    Validation.required("body", request);
    FullName name = new FullName(Validation.name("catalog_name", request.catalogName()),
        Validation.name("schema_name", request.schemaName()), Validation.name("model_name", request.modelName()));
    Long number = Validation.required("version", request.version());
    ModelVersionOperation operation = Validation.required("operation", request.operation());
    if (operation == ModelVersionOperation.UNKNOWN_MODEL_VERSION_OPERATION) {
      throw GatehouseException.invalid("Field 'operation' must be READ_MODEL_VERSION or READ_WRITE_MODEL_VERSION.");
    }
    RegisteredModelEntity model = CatalogLookup.model(name);
    if (model == null) {
      throw GatehouseException.notFound("Registered model '" + name + "' does not exist.");
    }
    Target target = Securables.of(model);
    List<Need> needs = new ArrayList<>();
    needs.add(new Need(target, Privilege.EXECUTE));
    addExternalUse(needs, target);
    authorizer.requireAll(MODEL_VERSION_ACTION, target, needs);
    boolean write = operation == ModelVersionOperation.READ_WRITE_MODEL_VERSION;
    if (write) {
      authorizer.requireManage(MODEL_VERSION_ACTION, target);
    }
    ModelVersionEntity version = ModelVersionEntity.of(model, number);
    if (version == null) {
      throw GatehouseException.notFound("Version " + number + " of registered model '" + model.fullName() + "' does not exist.");
    }
    if (write && version.status() != ModelVersionEntity.Status.PENDING_REGISTRATION) {
      String reason = "version " + number + " of registered model " + model.fullName() + " is " + version.status
          + "; its artifacts are written only while it is PENDING_REGISTRATION";
      authorizer.denied(MODEL_VERSION_ACTION, target, reason);
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + caller.name()
          + "' may not have credentials to write: " + reason + ".");
    }
    requireHeld(model.id, model.storageLocation);
    Map<String, String> context = new LinkedHashMap<>();
    context.put("catalog", model.schema.catalog.name);
    context.put("schema", model.schema.name);
    context.put("registered_model", model.name);
    context.put("version", Long.toString(number));
    return vend(MODEL_VERSION_ACTION, target, version.storageLocation, write ? AccessLevel.READ_WRITE : AccessLevel.READ,
        operation.name(), context, new Presented(request.samlResponse(), bearer, request.roleArn()));
  }

  public TemporaryCredentials forPath(GenerateTemporaryPathCredential request, String bearer) {
    Validation.required("body", request);
    String url = ExternalLocations.canonicalUrl("url", request.url());
    PathOperation operation = Validation.required("operation", request.operation());
    if (operation == PathOperation.UNKNOWN_PATH_OPERATION) {
      throw GatehouseException.invalid("Field 'operation' must be PATH_READ, PATH_READ_WRITE or PATH_CREATE_TABLE.");
    }
    ExternalLocationEntity location = locations.containing(S3Location.parse(url));
    if (location == null) {
      authorizer.denied(PATH_ACTION, null, "no external location contains " + url);
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + caller.name()
          + "' may not have credentials for '" + url + "': no external location contains it.");
    }
    Target target = StorageSecurables.of(location);
    List<Need> needs = switch (operation) {
      case PATH_READ -> List.of(new Need(target, Privilege.READ_FILES));
      case PATH_READ_WRITE -> List.of(new Need(target, Privilege.READ_FILES), new Need(target, Privilege.WRITE_FILES));
      default -> List.of(new Need(target, Privilege.CREATE_EXTERNAL_TABLE));
    };
    authorizer.requireAll(PATH_ACTION, target, needs);
    String table = locations.overlappingTableOrVolume(url);
    if (table != null) {
      String reason = "'" + url + "' overlaps the location of a table or volume ('" + table + "')";
      authorizer.denied(PATH_ACTION, target, reason);
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Path credentials are not given for " + reason
          + "; use temporary-table-credentials or temporary-volume-credentials, which check its privileges.");
    }
    Map<String, String> context = new LinkedHashMap<>();
    context.put("external_location", location.name);
    context.put("path", url);
    return vend(PATH_ACTION, target, url, operation == PathOperation.PATH_READ ? AccessLevel.READ : AccessLevel.READ_WRITE,
        operation.name(), context, new Presented(request.samlResponse(), bearer, request.roleArn()));
  }

  /**
   * READ_WRITE credentials on {@code location} for the catalog's own writes there (the Iceberg
   * catalog's metadata files), once the caller was authorized for the change that needs them;
   * audited as {@code action} on {@code target}, as every issuance is.
   */
  public TemporaryCredentials forCatalogWrite(Operation action, Target target, String location,
      Map<String, String> context, String bearer) {
    return vend(action, target, location, AccessLevel.READ_WRITE, "CATALOG_WRITE", context, new Presented(null, bearer, null));
  }

  /** The object must hold its location, in canonical spelling, in the registry of storage paths. */
  private void requireHeld(UUID id, String storageLocation) {
    S3Location path = ExternalLocations.s3(storageLocation);
    if (path != null && !locations.holds(id, path.toString())) {
      throw GatehouseException.failedPrecondition("The storage location '" + storageLocation + "' is not held in its"
          + " canonical spelling (another object holds it or a location around it); no credentials are vended for it.");
    }
  }

  /** Outside engines need EXTERNAL USE SCHEMA on the object's schema, as in Databricks. */
  private void addExternalUse(List<Need> needs, Target object) {
    List<String> trusted = config.trustedEngines().orElse(List.of());
    if (trusted.stream().noneMatch(name -> authorizer.subject().is(name))) {
      needs.add(new Need(object.parent(), Privilege.EXTERNAL_USE_SCHEMA));
    }
  }

  private TemporaryCredentials vend(Operation action, Target target, String storageLocation, AccessLevel access,
      String operation, Map<String, String> context, Presented presented) {
    S3Location path = ExternalLocations.s3(storageLocation);
    if (path == null) {
      throw GatehouseException.failedPrecondition("The storage location '" + storageLocation
          + "' is not on S3; Gatehouse vends AWS credentials only.");
    }
    ExternalLocationEntity location = locations.containing(path);
    if (location == null) {
      throw GatehouseException.failedPrecondition("No external location contains '" + path
          + "'; a metastore admin creates one with a storage credential that reaches it.");
    }
    StorageCredentialEntity credential = location.credential;
    VendedCredentials vended;
    try {
      RoleSource source = source(credential, presented);
      vended = vendor.vend(new VendRequest(caller.name(), source,
          StorageScope.of(access, path).withKmsKey(location.kmsKeyArn), context, null));
    } catch (CredentialRequestException e) {
      audit(action, target, AuditEvent.Result.FAILED, credential, operation, e.getMessage());
      throw new GatehouseException(e.reason() == CredentialRequestException.Reason.NOT_PERMITTED
          ? ErrorCode.PERMISSION_DENIED : ErrorCode.FAILED_PRECONDITION,
          "Storage credential '" + credential.name + "' (" + credential.accessMode + "): " + e.getMessage() + ".");
    } catch (CredentialsUnavailableException e) {
      LOG.warnf("STS unavailable for storage credential %s: %s%s", credential.name, e.getMessage(),
          e.getCause() instanceof StsCallException c && c.detail() != null ? " (" + c.detail() + ")" : "");
      audit(action, target, AuditEvent.Result.FAILED, credential, operation, e.getMessage());
      throw GatehouseException.unavailable("Temporary credentials cannot be issued now: " + e.getMessage()
          + ". Retry after " + e.retryAfter().toSeconds() + " s.", e.retryAfter());
    } catch (StsCallException e) {
      // STS's and the SDK's own words stay in the server's log; the client gets role, code and status.
      LOG.warnf("STS call failed for storage credential %s: %s%s", credential.name, e.getMessage(),
          e.detail() == null ? "" : " (" + e.detail() + ")");
      audit(action, target, AuditEvent.Result.FAILED, credential, operation, e.getMessage());
      if (e.retryable()) {
        throw GatehouseException.unavailable("Temporary credentials cannot be issued now: " + e.getMessage() + ".",
            e.retryAfter().orElse(java.time.Duration.ofSeconds(1)));
      }
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "The security token service refused credentials for"
          + " storage credential '" + credential.name + "': " + e.getMessage() + ".");
    }
    audit(action, target, AuditEvent.Result.SUCCEEDED, credential, operation,
        "role " + vended.roleArn() + ", session " + vended.sessionName() + ", expires "
            + vended.credentials().expiration() + ", access key " + vended.credentials().accessKeyId()
            + (vended.cached() ? ", from cache" : ""));
    return new TemporaryCredentials(
        new AwsCredentials(vended.credentials().accessKeyId(), vended.credentials().secretAccessKey(),
            vended.credentials().sessionToken()),
        vended.credentials().expiration().toEpochMilli(),
        path.toString());
  }

  private RoleSource source(StorageCredentialEntity credential, Presented presented) {
    return switch (credential.accessMode) {
      case CATALOG_ROLE -> new RoleSource.CatalogRole(credential.roleArn, credential.externalId);
      case SCIM_PASSTHROUGH -> scimRoles.choose(credential, presented.roleArn());
      case SAML_PASSTHROUGH -> {
        if (presented.samlResponse() != null) {
          yield new RoleSource.Saml(presented.samlResponse(), credential.roleArn);
        }
        // An engine acting for a user presents its own token: only the user's own sign-in counts.
        RoleSource fromSignIn = caller.actingPrincipal() == null
            ? signIns.source(credential, presented.accessToken(), caller.principal().id()) : null;
        if (fromSignIn == null) {
          throw new CredentialRequestException(CredentialRequestException.Reason.INVALID, "SAML passthrough needs the"
              + " caller's SAML response (saml_response), or a request made with the token of the caller's SAML sign-in"
              + " to Gatehouse whose response named role " + credential.roleArn);
        }
        yield fromSignIn;
      }
      case OIDC_PASSTHROUGH -> {
        if (presented.oidcToken() == null) {
          throw GatehouseException.failedPrecondition("Storage credential '" + credential.name
              + "' passes the caller's OIDC token to STS: authenticate this request with an OIDC bearer JWT.");
        }
        yield new RoleSource.WebIdentity(credential.roleArn, presented.oidcToken());
      }
    };
  }

  private void audit(Operation action, Target target, AuditEvent.Result result, StorageCredentialEntity credential,
      String operation, String detail) {
    String text = "operation " + operation + ", storage credential " + credential.name + " (" + credential.accessMode + "), "
        + detail;
    trail.record(action.auditName(), target, result, () -> text);
  }

  private static UUID id(String field, String value) {
    Validation.required(field, value, 64);
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("Field '" + field + "' must be an id as the catalog returns it (got '"
          + Validation.printable(value) + "').");
    }
  }
}
