package io.gatehouse.server.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * A registered instance profile: what SCIM assigns as a principal's {@code roles}, and the IAM
 * data role it stands for. The meta instance profile is the identity data roles are assumed through.
 */
@Entity
@Table(name = "instance_profiles")
public class InstanceProfileEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "instance_profile_arn", nullable = false)
  public String instanceProfileArn;

  @Column(name = "iam_role_arn", nullable = false)
  public String iamRoleArn;

  @Column(name = "is_meta_instance_profile", nullable = false)
  public boolean meta;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  public static InstanceProfileEntity create(String instanceProfileArn, String by) {
    InstanceProfileEntity p = new InstanceProfileEntity();
    p.id = UUID.randomUUID();
    p.instanceProfileArn = instanceProfileArn;
    p.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    p.createdBy = by;
    p.updatedAt = p.createdAt;
    p.updatedBy = by;
    return p;
  }

  public void stampUpdated(String by) {
    updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    updatedBy = by;
  }

  /** The profile with exactly this ARN, or null. */
  public static InstanceProfileEntity findByArn(String arn) {
    return find("instanceProfileArn = ?1", arn).firstResult();
  }

  /** A profile whose ARN equals {@code arn} ignoring case (IAM names are unique ignoring case), or null. */
  public static InstanceProfileEntity findByArnIgnoringCase(String arn) {
    return find("lower(instanceProfileArn) = ?1", arn.toLowerCase(Locale.ROOT)).firstResult();
  }

  /** The meta instance profile, or null when none is registered. */
  public static InstanceProfileEntity findMeta() {
    return find("meta = true").firstResult();
  }
}
