package io.gatehouse.server.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The columns every securable row has: identity, name, comment, owner and the audit stamps. */
@MappedSuperclass
public abstract class SecurableEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(nullable = false)
  public String name;

  public String comment;

  @Column(nullable = false)
  public String owner;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  /** Fills identity and stamps for a new row created by {@code principal}. */
  public void stampCreated(String principal) {
    Instant now = now();
    id = UUID.randomUUID();
    owner = principal;
    createdAt = now;
    createdBy = principal;
    updatedAt = now;
    updatedBy = principal;
  }

  public void stampUpdated(String principal) {
    updatedAt = now();
    updatedBy = principal;
  }

  // The API speaks epoch milliseconds; storing the same precision keeps reads equal to writes.
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  public static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }
}
