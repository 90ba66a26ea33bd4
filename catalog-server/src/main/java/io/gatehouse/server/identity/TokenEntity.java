package io.gatehouse.server.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "tokens")
public class TokenEntity extends PanacheEntityBase {
  public enum Kind {
    /** A personal access token, created by its owner or by an admin on its behalf. */
    PAT,
    /** A short-lived access token from the OAuth client-credentials grant. */
    OAUTH,
    /** A short-lived access token handed to a browser tab by single sign-on. */
    SIGN_IN
  }

  @Id public String id;

  @Column(name = "principal_id", nullable = false)
  public UUID principalId;

  @Column(nullable = false)
  public byte[] hash;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Kind kind;

  public String comment;

  @Column(name = "created_by")
  public UUID createdBy;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  /** The workspace the token was issued in, the only one it works in. */
  @Column(name = "workspace_id", nullable = false)
  public long workspaceId;

  @Column(name = "last_used_at")
  public Instant lastUsedAt;
}
