package io.gatehouse.server.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "catalogs")
public class CatalogEntity extends SecurableEntity {
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String properties;

  @Column(name = "storage_root")
  public String storageRoot;

  @Column(name = "storage_location")
  public String storageLocation;

  /** OPEN: reached from every workspace; ISOLATED: only from the workspaces bound to it. */
  @Column(name = "isolation_mode", nullable = false)
  public String isolationMode = "OPEN";

  public static CatalogEntity findByName(String name) {
    return find("lower(name) = ?1", SchemaChildEntity.key(name)).firstResult();
  }

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String tags = "{}";
}
