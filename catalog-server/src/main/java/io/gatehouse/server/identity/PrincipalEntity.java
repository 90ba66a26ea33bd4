package io.gatehouse.server.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "principals")
public class PrincipalEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Principal.Type kind;

  /** userName of a user, displayName of a group, applicationId of a service principal. */
  @Column(nullable = false)
  public String name;

  @Column(name = "display_name")
  public String displayName;

  @Column(name = "external_id")
  public String externalId;

  @Column(nullable = false)
  public boolean active = true;

  /** The SCIM attributes that have no column of their own, as a JSON object. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String scim = "{}";

  /** Optimistic lock and SCIM {@code meta.version}. */
  @Version
  @Column(nullable = false)
  public long version;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public static PrincipalEntity create(Principal.Type kind, String name) {
    PrincipalEntity p = new PrincipalEntity();
    p.id = UUID.randomUUID();
    p.kind = kind;
    p.name = name;
    p.createdAt = now();
    p.updatedAt = p.createdAt;
    return p;
  }

  public void touch() {
    updatedAt = now();
  }

  public Principal principal() {
    return new Principal(id, name, kind);
  }

  // A name holding U+0000 names nobody (no text column can hold it), and PostgreSQL refuses it
  // as a parameter: it is not looked up.
  public static PrincipalEntity findByName(String name) {
    return name.indexOf('\0') >= 0 ? null : find("lower(name) = ?1", name.toLowerCase(Locale.ROOT)).firstResult();
  }

  public static PrincipalEntity findByName(Principal.Type kind, String name) {
    return name.indexOf('\0') >= 0 ? null
        : find("kind = ?1 and lower(name) = ?2", kind, name.toLowerCase(Locale.ROOT)).firstResult();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
