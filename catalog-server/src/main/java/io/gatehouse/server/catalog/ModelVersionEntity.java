package io.gatehouse.server.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A version of a registered model: not a securable of its own, decided on its model. */
@Entity
@Table(name = "model_versions")
public class ModelVersionEntity extends PanacheEntityBase {
  /** Its registration states as Unity Catalog names them; a version starts pending. */
  public enum Status { PENDING_REGISTRATION, FAILED_REGISTRATION, READY }

  @Id public UUID id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "model_id", nullable = false)
  public RegisteredModelEntity model;

  @Column(nullable = false)
  public long version;

  @Column(nullable = false)
  public String source;

  @Column(name = "run_id")
  public String runId;

  @Column(nullable = false)
  public String status;

  @Column(name = "storage_location", nullable = false)
  public String storageLocation;

  public String comment;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  /** Version {@code number} of {@code model}, or null. */
  public static ModelVersionEntity of(RegisteredModelEntity model, long number) {
    return find("model = ?1 and version = ?2", model, number).firstResult();
  }

  public Status status() {
    return Status.valueOf(status);
  }
}
