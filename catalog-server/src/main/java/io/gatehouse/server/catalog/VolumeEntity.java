package io.gatehouse.server.catalog;

import org.hibernate.type.SqlTypes;
import org.hibernate.annotations.JdbcTypeCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "volumes")
public class VolumeEntity extends SchemaChildEntity {
  @Column(name = "volume_type", nullable = false)
  public String volumeType;

  @Column(name = "storage_location", nullable = false)
  public String storageLocation;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String tags = "{}";
}
