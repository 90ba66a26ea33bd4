package io.gatehouse.server.credentials;

import io.gatehouse.policy.SecurableType;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.Owners;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.credentials.CredentialsApi.CreateCredentialRequest;
import io.gatehouse.server.credentials.CredentialsApi.UpdateCredentialRequest;
import io.gatehouse.server.identity.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.jpa.HibernateHints;

/**
 * Storage credentials: an IAM role, the external id Gatehouse presents when it assumes it, and
 * the access mode. Creating one needs CREATE STORAGE CREDENTIAL on the metastore; reading it, any
 * privilege on it or ownership; changing or dropping it, ownership or MANAGE.
 */
@ApplicationScoped
@Transactional
public class StorageCredentialService {
  static final String PAGE_KIND = "credentials";
  // arn:<partition>:iam::<account, empty on radosgw>:role/<path/name>
  private static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z0-9-]+:iam::[0-9]*:role/[\\w+=,.@/-]{1,512}");

  private final CallerContext caller;
  private final Authorizer authorizer;
  private final StorageSecurables securables;
  private final AuditTrail trail;
  private final CredentialsConfig config;

  StorageCredentialService(CallerContext caller, Authorizer authorizer, StorageSecurables securables, CredentialsConfig config,
      AuditTrail trail) {
    this.caller = caller;
    this.authorizer = authorizer;
    this.securables = securables;
    this.config = config;
    this.trail = trail;
  }

  public StorageCredentialEntity create(CreateCredentialRequest request) {
    Validation.required("body", request);
    String name = Validation.name("name", request.name());
    authorizer.require(Operation.CREATE_STORAGE_CREDENTIAL, securables.metastore());
    StorageCredentialEntity credential = new StorageCredentialEntity();
    credential.stampCreated(caller.name());
    credential.name = name;
    credential.comment = Validation.comment("comment", request.comment());
    credential.roleArn = roleArn(Validation.required("aws_iam_role", request.awsIamRole()).roleArn());
    credential.accessMode = mode(request.accessMode() == null ? AccessMode.CATALOG_ROLE : request.accessMode());
    credential.dataRoleArns(dataRoles(request.dataRoleArns()));
    // Unity Catalog generates the external id; the role's trust policy names it.
    credential.externalId = UUID.randomUUID().toString();
    if (StorageCredentialEntity.findByName(name) != null) {
      throw alreadyExists(name);
    }
    credential.persistAndFlush();
    return credential;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public StorageCredentialEntity get(String name) {
    StorageCredentialEntity credential = StorageSecurables.credential(name);
    authorizer.require(Operation.GET_STORAGE_CREDENTIAL, StorageSecurables.of(credential));
    return credential;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<StorageCredentialEntity> list(PageRequest page) {
    authorizer.allowed(Operation.LIST_STORAGE_CREDENTIALS, securables.metastore(), null);
    StorageSecurables.Visible visible = StorageSecurables.visible(authorizer, SecurableType.STORAGE_CREDENTIAL);
    return StorageCredentialEntity.find(
            "from StorageCredentialEntity x where lower(x.name) > :after" + visible.condition() + " order by lower(x.name)",
            visible.parameters().and("after", page.after() == null ? "" : page.after()))
        .withHint(HibernateHints.HINT_READ_ONLY, true)
        .page(0, page.size() + 1)
        .list();
  }

  public StorageCredentialEntity update(String name, UpdateCredentialRequest request) {
    Validation.required("body", request);
    StorageCredentialEntity credential = StorageSecurables.credential(name);
    authorizer.require(Operation.UPDATE_STORAGE_CREDENTIAL, StorageSecurables.of(credential));
    if (request.newName() != null && !request.newName().equals(credential.name)) {
      String newName = Validation.name("new_name", request.newName());
      StorageCredentialEntity other = StorageCredentialEntity.findByName(newName);
      if (other != null && !other.id.equals(credential.id)) {
        throw alreadyExists(newName);
      }
      credential.name = newName;
    }
    if (request.comment() != null) {
      credential.comment = Validation.comment("comment", request.comment());
    }
    if (request.awsIamRole() != null) {
      credential.roleArn = roleArn(request.awsIamRole().roleArn());
    }
    if (request.accessMode() != null) {
      credential.accessMode = mode(request.accessMode());
    }
    if (request.dataRoleArns() != null) {
      credential.dataRoleArns(dataRoles(request.dataRoleArns()));
    }
    if (request.isolationMode() != null) {
      credential.isolationMode = io.gatehouse.server.catalog.Isolation.change(credential.getEntityManager(),
          io.gatehouse.policy.SecurableType.STORAGE_CREDENTIAL, credential.id, credential.isolationMode,
          request.isolationMode(), caller.workspace());
    }
    if (request.owner() != null && !request.owner().equals(credential.owner)) {
      String previous = credential.owner;
      credential.owner = Owners.existing("owner", request.owner());
      trail.succeeded("CHANGE_OWNER", StorageSecurables.of(credential),
          "from " + previous + " to " + credential.owner);
    }
    credential.stampUpdated(caller.name());
    credential.flush();
    return credential;
  }

  /** Drops the credential; with {@code force} also the external locations that use it. */
  public void delete(String name, boolean force) {
    StorageCredentialEntity credential = StorageSecurables.credential(name);
    authorizer.require(Operation.DELETE_STORAGE_CREDENTIAL, StorageSecurables.of(credential));
    List<ExternalLocationEntity> dependents = ExternalLocationEntity.list("credential", credential);
    if (!dependents.isEmpty() && !force) {
      throw GatehouseException.failedPrecondition("Storage credential '" + credential.name + "' is used by "
          + dependents.size() + " external location(s), e.g. '" + dependents.get(0).name
          + "'; delete them first or pass force=true.");
    }
    for (ExternalLocationEntity location : dependents) {
      trail.succeeded("DELETE_EXTERNAL_LOCATION", StorageSecurables.of(location),
          "with storage credential " + credential.name + " (force)");
      location.delete();
    }
    credential.delete();
  }

  private AccessMode mode(AccessMode mode) {
    boolean samlConfigured = config.saml().idpCertificate().isPresent() || config.saml().idpCertificateFile().isPresent();
    if (mode == AccessMode.SAML_PASSTHROUGH && !samlConfigured) {
      throw GatehouseException.invalid("Field 'access_mode' SAML_PASSTHROUGH needs the SAML identity provider's certificate"
          + " (gatehouse.credentials.saml.idp-certificate), and none is configured.");
    }
    return mode;
  }

  /** The further data roles of a SCIM_PASSTHROUGH credential: role ARNs, read as strictly as the credential's own. */
  private static List<String> dataRoles(List<String> arns) {
    if (arns == null) {
      return new java.util.ArrayList<>();
    }
    if (arns.size() > 100) {
      throw GatehouseException.invalid("Field 'data_role_arns' may hold at most 100 role ARNs.");
    }
    List<String> roles = new java.util.ArrayList<>();
    for (String arn : arns) {
      IamArns.role("data_role_arns", arn);
      if (!roles.contains(arn)) {
        roles.add(arn);
      }
    }
    return roles;
  }

  static String roleArn(String arn) {
    String value = Validation.required("aws_iam_role.role_arn", arn, 2048);
    if (!ROLE_ARN.matcher(value).matches()) {
      throw GatehouseException.invalid("Field 'aws_iam_role.role_arn' must be an IAM role ARN such as"
          + " arn:aws:iam::123456789012:role/name (got '" + Validation.printable(value) + "').");
    }
    return value;
  }

  private static GatehouseException alreadyExists(String name) {
    return new GatehouseException(ErrorCode.ALREADY_EXISTS, "Storage credential '" + name + "' already exists.");
  }
}
