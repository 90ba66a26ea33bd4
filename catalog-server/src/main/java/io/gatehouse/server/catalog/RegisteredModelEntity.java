package io.gatehouse.server.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A registered model: a securable in a schema, holding its versions' artifacts under its managed location. */
@Entity
@Table(name = "registered_models")
public class RegisteredModelEntity extends SchemaChildEntity {
  @Column(name = "storage_location", nullable = false)
  public String storageLocation;

  /** The last version number handed out (V24); versions are numbered from 1 and never reused. */
  @Column(name = "last_version", nullable = false)
  public long lastVersion;
}
