package io.gatehouse.server.catalog;

import io.gatehouse.server.store.StoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Places managed data: under the schema's storage root if it has one, else the catalog's, else
 * the metastore's, each time in a folder named by the object's id, as Unity Catalog lays it out.
 */
@ApplicationScoped
public class ManagedStorage {
  private final StorageLocation metastoreRoot;

  ManagedStorage(StoreConfig config) {
    this.metastoreRoot =
        StorageLocation.parse(
            "gatehouse.storage.managed-root",
            config
                .storage()
                .managedRoot()
                .orElseGet(() -> Path.of(config.dataDir()).toAbsolutePath().normalize().resolve("managed").toUri().toString()));
  }

  public StorageLocation metastoreRoot() {
    return metastoreRoot;
  }

  /** The managed location of a catalog created with {@code storageRoot}. */
  static StorageLocation catalogLocation(StorageLocation storageRoot, UUID catalogId) {
    return storageRoot.child("__unitystorage", "catalogs", catalogId.toString());
  }

  static StorageLocation schemaLocation(StorageLocation storageRoot, UUID schemaId) {
    return storageRoot.child("__unitystorage", "schemas", schemaId.toString());
  }

  StorageLocation tableLocation(SchemaEntity schema, UUID tableId) {
    return rootFor(schema).child("tables", tableId.toString());
  }

  StorageLocation volumeLocation(SchemaEntity schema, UUID volumeId) {
    return rootFor(schema).child("volumes", volumeId.toString());
  }

  StorageLocation modelLocation(SchemaEntity schema, UUID modelId) {
    return rootFor(schema).child("models", modelId.toString());
  }

  private StorageLocation rootFor(SchemaEntity schema) {
    if (schema.storageLocation != null) {
      return StorageLocation.parse("storage_location", schema.storageLocation);
    }
    if (schema.catalog.storageLocation != null) {
      return StorageLocation.parse("storage_location", schema.catalog.storageLocation);
    }
    return metastoreRoot.child("__unitystorage", "catalogs", schema.catalog.id.toString());
  }
}
