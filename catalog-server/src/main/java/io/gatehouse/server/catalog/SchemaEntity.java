package io.gatehouse.server.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "schemas")
public class SchemaEntity extends SecurableEntity {
  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "catalog_id", nullable = false)
  public CatalogEntity catalog;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String properties;

  @Column(name = "storage_root")
  public String storageRoot;

  @Column(name = "storage_location")
  public String storageLocation;

  public String fullName() {
    return catalog.name + "." + name;
  }

  static SchemaEntity findByName(String catalog, String schema) {
    return find(
            "from SchemaEntity s join fetch s.catalog c where lower(c.name) = ?1 and lower(s.name) = ?2",
            SchemaChildEntity.key(catalog),
            SchemaChildEntity.key(schema))
        .firstResult();
  }

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String tags = "{}";
}
