package io.gatehouse.server.credentials;

import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.Owners;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.credentials.CredentialsApi.CreateExternalLocation;
import io.gatehouse.server.credentials.CredentialsApi.EncryptionDetails;
import io.gatehouse.server.credentials.CredentialsApi.SseEncryptionDetails;
import io.gatehouse.server.credentials.CredentialsApi.UpdateExternalLocation;
import io.gatehouse.server.identity.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.hibernate.jpa.HibernateHints;

/**
 * External locations: an S3 URL bound to the storage credential that reaches it. Creating one
 * needs CREATE EXTERNAL LOCATION on the metastore and on the credential, as in Databricks; no
 * two locations may overlap, and a location may not come to cover a table, volume or storage
 * root that was placed before it (without its privileges). Reading needs a privilege on it or ownership; changing or dropping
 * it, ownership or MANAGE.
 */
@ApplicationScoped
@Transactional
public class ExternalLocationService {
  static final String PAGE_KIND = "external-locations";

  private final CallerContext caller;
  private final Authorizer authorizer;
  private final StorageSecurables securables;
  private final AuditTrail trail;
  private final ExternalLocations locations;

  ExternalLocationService(CallerContext caller, Authorizer authorizer, StorageSecurables securables, ExternalLocations locations,
      AuditTrail trail) {
    this.caller = caller;
    this.authorizer = authorizer;
    this.securables = securables;
    this.locations = locations;
    this.trail = trail;
  }

  public ExternalLocationEntity create(CreateExternalLocation request) {
    Validation.required("body", request);
    String name = Validation.name("name", request.name());
    String url = ExternalLocations.canonicalUrl("url", request.url());
    StorageCredentialEntity credential =
        StorageSecurables.credential(Validation.required("credential_name", request.credentialName(), 255));
    authorizer.require(Operation.CREATE_EXTERNAL_LOCATION, securables.metastore());
    authorizer.requirePrivilege(Operation.CREATE_EXTERNAL_LOCATION, StorageSecurables.of(credential), Privilege.CREATE_EXTERNAL_LOCATION);
    if (ExternalLocationEntity.findByName(name) != null) {
      throw alreadyExists(name);
    }
    ExternalLocationEntity location = new ExternalLocationEntity();
    location.stampCreated(caller.name());
    location.name = name;
    location.comment = Validation.comment("comment", request.comment());
    location.credential = credential;
    encrypt(location, request.encryptionDetails());
    location.url = claim(url, location);
    location.persistAndFlush();
    return location;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public ExternalLocationEntity get(String name) {
    ExternalLocationEntity location = StorageSecurables.location(name);
    authorizer.require(Operation.GET_EXTERNAL_LOCATION, StorageSecurables.of(location));
    return location;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ExternalLocationEntity> list(PageRequest page) {
    authorizer.allowed(Operation.LIST_EXTERNAL_LOCATIONS, securables.metastore(), null);
    StorageSecurables.Visible visible = StorageSecurables.visible(authorizer, SecurableType.EXTERNAL_LOCATION);
    return ExternalLocationEntity.find(
            "from ExternalLocationEntity x join fetch x.credential where lower(x.name) > :after" + visible.condition()
                + " order by lower(x.name)",
            visible.parameters().and("after", page.after() == null ? "" : page.after()))
        .withHint(HibernateHints.HINT_READ_ONLY, true)
        .page(0, page.size() + 1)
        .list();
  }

  public ExternalLocationEntity update(String name, UpdateExternalLocation request) {
    Validation.required("body", request);
    ExternalLocationEntity location = StorageSecurables.location(name);
    authorizer.require(Operation.UPDATE_EXTERNAL_LOCATION, StorageSecurables.of(location));
    if (request.newName() != null && !request.newName().equals(location.name)) {
      String newName = Validation.name("new_name", request.newName());
      ExternalLocationEntity other = ExternalLocationEntity.findByName(newName);
      if (other != null && !other.id.equals(location.id)) {
        throw alreadyExists(newName);
      }
      location.name = newName;
    }
    if (request.credentialName() != null && !request.credentialName().equalsIgnoreCase(location.credential.name)) {
      StorageCredentialEntity credential = StorageSecurables.credential(request.credentialName());
      authorizer.requirePrivilege(Operation.UPDATE_EXTERNAL_LOCATION, StorageSecurables.of(credential), Privilege.CREATE_EXTERNAL_LOCATION);
      location.credential = credential;
    }
    if (request.url() != null) {
      String url = ExternalLocations.canonicalUrl("url", request.url());
      if (!url.equals(location.url)) {
        location.url = claim(url, location);
      }
    }
    if (request.comment() != null) {
      location.comment = Validation.comment("comment", request.comment());
    }
    if (request.encryptionDetails() != null) {
      encrypt(location, request.encryptionDetails());
    }
    if (request.isolationMode() != null) {
      location.isolationMode = io.gatehouse.server.catalog.Isolation.change(location.getEntityManager(),
          SecurableType.EXTERNAL_LOCATION, location.id, location.isolationMode, request.isolationMode(), caller.workspace());
    }
    if (request.owner() != null && !request.owner().equals(location.owner)) {
      String previous = location.owner;
      location.owner = Owners.existing("owner", request.owner());
      trail.succeeded("CHANGE_OWNER", StorageSecurables.of(location),
          "from " + previous + " to " + location.owner);
    }
    location.stampUpdated(caller.name());
    location.flush();
    return location;
  }

  /** A KMS key ARN (aliases are refused: IAM decides key use by the key's own ARN). */
  private static final java.util.regex.Pattern KMS_KEY_ARN =
      java.util.regex.Pattern.compile("arn:aws(-cn|-us-gov)?:kms:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:key/[A-Za-z0-9-]{1,128}");

  /**
   * Sets the location's encryption from {@code details}: none when it names no algorithm,
   * AWS_SSE_S3 without a key, AWS_SSE_KMS with exactly one customer-managed key.
   */
  private static void encrypt(ExternalLocationEntity location, EncryptionDetails details) {
    SseEncryptionDetails sse = details == null ? null : details.sseEncryptionDetails();
    String algorithm = sse == null ? null : sse.algorithm();
    String key = sse == null ? null : sse.awsKmsKeyArn();
    if (algorithm == null) {
      if (key != null) {
        throw GatehouseException.invalid("Field 'encryption_details.sse_encryption_details.aws_kms_key_arn' needs algorithm AWS_SSE_KMS.");
      }
      location.sseAlgorithm = null;
      location.kmsKeyArn = null;
      return;
    }
    switch (algorithm) {
      case "AWS_SSE_S3" -> {
        if (key != null) {
          throw GatehouseException.invalid("Algorithm AWS_SSE_S3 takes no 'aws_kms_key_arn'; use AWS_SSE_KMS for a customer-managed key.");
        }
      }
      case "AWS_SSE_KMS" -> {
        if (key == null || !KMS_KEY_ARN.matcher(key).matches()) {
          throw GatehouseException.invalid("Algorithm AWS_SSE_KMS needs 'aws_kms_key_arn', the ARN of a KMS key"
              + " (arn:aws:kms:<region>:<account>:key/<key id>; not an alias).");
        }
      }
      default -> throw GatehouseException.invalid("Field 'encryption_details.sse_encryption_details.algorithm' must be"
          + " AWS_SSE_S3 or AWS_SSE_KMS.");
    }
    location.sseAlgorithm = algorithm;
    location.kmsKeyArn = key;
  }

  /** Drops the location; without {@code force} only when no table or volume lies inside it. */
  public void delete(String name, boolean force) {
    ExternalLocationEntity location = StorageSecurables.location(name);
    authorizer.require(Operation.DELETE_EXTERNAL_LOCATION, StorageSecurables.of(location));
    String dependent = force ? null : locations.dependentPath(location.url);
    if (dependent != null) {
      throw GatehouseException.failedPrecondition("External location '" + location.name + "' contains the location of a"
          + " table or volume ('" + dependent + "'); drop those first or pass force=true.");
    }
    location.delete();
  }

  /**
   * {@code url} for {@code location}, after checking under the URL lock that it overlaps no other
   * location and comes to cover no storage placed without its privileges (see docs/credentials.md):
   * a table created outside every external location must not get credentials by accident.
   */
  private String claim(String url, ExternalLocationEntity location) {
    locations.lockUrls();
    String other = locations.overlapping(url, location.id);
    if (other != null) {
      throw GatehouseException.invalid("Field 'url' '" + url + "' overlaps external location " + other
          + "; external locations may not equal, contain or lie inside one another.");
    }
    if (locations.coversUnadmitted(url, location.url)) {
      throw GatehouseException.failedPrecondition("Field 'url' '" + url + "' contains the location of a table, volume,"
          + " or catalog or schema storage root that was placed without this external location's privileges;"
          + " an external location may not come to cover existing storage. Drop or move those objects first.");
    }
    return url;
  }

  private static GatehouseException alreadyExists(String name) {
    return new GatehouseException(ErrorCode.ALREADY_EXISTS, "External location '" + name + "' already exists.");
  }
}
