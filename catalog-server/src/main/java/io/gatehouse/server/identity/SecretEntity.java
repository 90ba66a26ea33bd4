package io.gatehouse.server.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An OAuth client secret of a service principal. */
@Entity
@Table(name = "service_principal_secrets")
public class SecretEntity extends PanacheEntityBase {
  @Id public String id;

  @Column(name = "principal_id", nullable = false)
  public UUID principalId;

  @Column(nullable = false)
  public byte[] hash;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  /** When the secret was first exchanged for a token; set once. */
  @Column(name = "first_used_at")
  public Instant firstUsedAt;
}
