package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.Operation;

/**
 * Whether the caller may place an object's data at a storage location it names: decided where
 * external locations live (the credentials feature), asked by the catalog when a table, volume,
 * catalog or schema is given a location, inside the creating transaction.
 */
public interface StorageAdmission {
  /** What the location is for, and so which privilege on its external location it needs. */
  enum Use {
    /** CREATE EXTERNAL TABLE. */
    EXTERNAL_TABLE,
    /** CREATE EXTERNAL VOLUME. */
    EXTERNAL_VOLUME,
    /** CREATE MANAGED STORAGE: the storage root of a catalog or schema. */
    MANAGED_STORAGE
  }

  /**
   * Returns when the caller may use {@code location} for {@code use}; otherwise throws the
   * refusal (403), audited as {@code operation}. Ordered against external locations being created or moved until the
   * transaction ends, so that no location can come to contain a path it did not admit.
   */
  void admit(Operation operation, StorageLocation location, Use use);
}
