package io.gatehouse.server.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The one metastore of this installation; its row is written by the first migration. */
@Entity
@Table(name = "metastore")
public class MetastoreEntity extends PanacheEntityBase {
  @Id public UUID id;

  @Column(nullable = false)
  public String name;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  public static MetastoreEntity get() {
    return MetastoreEntity.<MetastoreEntity>findAll().firstResult();
  }
}
