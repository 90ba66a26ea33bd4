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

@Entity
@Table(name = "staging_tables")
public class StagingTableEntity extends PanacheEntityBase {
  @Id public UUID id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "schema_id", nullable = false)
  public SchemaEntity schema;

  @Column(nullable = false)
  public String name;

  @Column(name = "staging_location", nullable = false)
  public String stagingLocation;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  static StagingTableEntity findByLocation(String location) {
    return find("stagingLocation", location).firstResult();
  }
}
