package io.gatehouse.server.credentials;

import io.gatehouse.credentials.CredentialVendor;
import io.gatehouse.credentials.StsCallException;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.credentials.InstanceProfileApi.AddInstanceProfile;
import io.gatehouse.server.credentials.InstanceProfileApi.EditInstanceProfile;
import io.gatehouse.server.credentials.InstanceProfileApi.InstanceProfile;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.InstanceProfileEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Registers the instance profiles SCIM may assign as roles: metastore admins only, each change
 * audited. Unless told to skip it, adding (or pointing a profile at another role) checks that
 * Gatehouse can assume the data role, through the meta instance profile when one is registered,
 * with a real AssumeRole whose session policy denies everything.
 */
@ApplicationScoped
public class InstanceProfileService {
  private static final Logger LOG = Logger.getLogger(InstanceProfileService.class);
  static final String AUDIT_TYPE = "INSTANCE_PROFILE";

  private final CallerContext caller;
  private final CredentialVendor vendor;
  private final AuditTrail trail;

  InstanceProfileService(CallerContext caller, CredentialVendor vendor, AuditTrail trail) {
    this.caller = caller;
    this.vendor = vendor;
    this.trail = trail;
  }

  @Transactional
  public void add(AddInstanceProfile request) {
    caller.requireAdmin("add instance profiles");
    Validation.required("body", request);
    IamArns.instanceProfile("instance_profile_arn", request.instanceProfileArn());
    String arn = request.instanceProfileArn();
    String role = IamArns.dataRole(arn, request.iamRoleArn());
    boolean meta = Boolean.TRUE.equals(request.isMetaInstanceProfile());
    InstanceProfileEntity existing = InstanceProfileEntity.findByArnIgnoringCase(arn);
    if (existing != null) {
      throw new GatehouseException(ErrorCode.ALREADY_EXISTS, "Instance profile '" + existing.instanceProfileArn
          + "' is registered already" + (existing.instanceProfileArn.equals(arn) ? "" : " (ARNs differing only in letter case"
          + " name one IAM instance profile)") + ".");
    }
    requireSingleMeta(meta, null);
    if (!Boolean.TRUE.equals(request.skipValidation())) {
      validate("ADD_INSTANCE_PROFILE", arn, role, meta);
    }
    InstanceProfileEntity profile = InstanceProfileEntity.create(arn, caller.name());
    profile.iamRoleArn = role;
    profile.meta = meta;
    profile.persistAndFlush();
    trail.record("ADD_INSTANCE_PROFILE", AUDIT_TYPE, arn, AuditEvent.Result.SUCCEEDED, () -> describe(profile)
        + (Boolean.TRUE.equals(request.skipValidation()) ? ", validation skipped" : ", validated"));
  }

  @Transactional
  public void edit(EditInstanceProfile request) {
    caller.requireAdmin("edit instance profiles");
    Validation.required("body", request);
    InstanceProfileEntity profile = existing(request.instanceProfileArn());
    String role = IamArns.dataRole(profile.instanceProfileArn, request.iamRoleArn());
    boolean meta = request.isMetaInstanceProfile() == null ? profile.meta : request.isMetaInstanceProfile();
    requireSingleMeta(meta, profile);
    boolean changed = !role.equals(profile.iamRoleArn) || meta != profile.meta;
    if (changed && !Boolean.TRUE.equals(request.skipValidation())) {
      validate("EDIT_INSTANCE_PROFILE", profile.instanceProfileArn, role, meta);
    }
    String before = describe(profile);
    profile.iamRoleArn = role;
    profile.meta = meta;
    profile.stampUpdated(caller.name());
    profile.flush();
    trail.record("EDIT_INSTANCE_PROFILE", AUDIT_TYPE, profile.instanceProfileArn, AuditEvent.Result.SUCCEEDED,
        () -> "from " + before + " to " + describe(profile));
  }

  /** Removes the profile and, with it, every SCIM assignment of it. */
  @Transactional
  public void remove(String instanceProfileArn) {
    caller.requireAdmin("remove instance profiles");
    InstanceProfileEntity profile = existing(instanceProfileArn);
    String what = describe(profile);
    profile.delete();
    InstanceProfileEntity.flush();
    trail.record("REMOVE_INSTANCE_PROFILE", AUDIT_TYPE, profile.instanceProfileArn, AuditEvent.Result.SUCCEEDED, () -> what);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<InstanceProfile> list() {
    caller.requireAdmin("list instance profiles");
    return InstanceProfileEntity.<InstanceProfileEntity>list("order by instanceProfileArn").stream()
        .map(p -> new InstanceProfile(p.instanceProfileArn, p.iamRoleArn, p.meta))
        .toList();
  }

  private InstanceProfileEntity existing(String arn) {
    IamArns.instanceProfile("instance_profile_arn", arn);
    InstanceProfileEntity profile = InstanceProfileEntity.findByArn(arn);
    if (profile == null) {
      throw GatehouseException.notFound("Instance profile '" + arn + "' is not registered.");
    }
    return profile;
  }

  private static void requireSingleMeta(boolean meta, InstanceProfileEntity self) {
    InstanceProfileEntity current = meta ? InstanceProfileEntity.findMeta() : null;
    if (current != null && (self == null || !current.id.equals(self.id))) {
      throw new GatehouseException(ErrorCode.ALREADY_EXISTS, "Instance profile '" + current.instanceProfileArn
          + "' is the meta instance profile already; there is one at most (edit it to change its role).");
    }
  }

  /**
   * A data profile is checked as passthrough will use it: through the meta instance profile when
   * one is registered. STS's code and message go to the admin (the one audience that may see
   * which identity Gatehouse has); no stack trace, no class names.
   */
  private void validate(String action, String arn, String role, boolean meta) {
    InstanceProfileEntity metaProfile = meta ? null : InstanceProfileEntity.findMeta();
    String through = metaProfile == null ? null : metaProfile.iamRoleArn;
    try {
      vendor.verifyAssumable(role, through);
    } catch (StsCallException e) {
      String sts = (e.errorCode() == null ? "no answer" : e.errorCode()) + (e.httpStatus() == 0 ? "" : ", HTTP " + e.httpStatus())
          + (e.detail() == null || e.errorCode() == null ? "" : ": " + e.detail());
      LOG.infof("instance profile %s failed validation: %s%s", arn, e.getMessage(), e.detail() == null ? "" : " (" + e.detail() + ")");
      trail.record(action, AUDIT_TYPE, arn, AuditEvent.Result.FAILED, () -> "validation failed: " + e.getMessage());
      String message = "Gatehouse cannot assume role '" + role + "' of instance profile '" + arn + "'"
          + (through == null ? "" : " through the meta instance profile's role '" + through + "'")
          + ": STS answered " + sts + ". Fix the role's trust policy, or pass skip_validation=true.";
      if (e.retryable()) {
        throw GatehouseException.unavailable(message, e.retryAfter().orElse(Duration.ofSeconds(1)));
      }
      throw GatehouseException.invalid(message);
    }
  }

  private static String describe(InstanceProfileEntity p) {
    return "role " + p.iamRoleArn + (p.meta ? ", meta instance profile" : "");
  }
}
