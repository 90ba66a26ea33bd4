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

  /**
   * The last version number handed out (V24); versions are numbered from 1 and never reused. Only
   * the database moves it ({@link ModelService}'s UPDATE ... RETURNING): an update of the model,
   * loaded before a version was created beside it, must not write back the older number.
   */
  @Column(name = "last_version", nullable = false, updatable = false)
  public long lastVersion;
}
