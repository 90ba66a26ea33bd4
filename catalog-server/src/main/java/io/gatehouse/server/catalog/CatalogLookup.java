package io.gatehouse.server.catalog;

import io.gatehouse.server.common.FullName;

/**
 * Lookups by name that answer null instead of failing, for callers that decide what absence
 * means (SQL's IF EXISTS and IF NOT EXISTS). They check no privilege: the caller does.
 */
public final class CatalogLookup {
  private CatalogLookup() {}

  public static CatalogEntity catalog(String name) {
    return CatalogEntity.findByName(name);
  }

  public static SchemaEntity schema(String catalog, String schema) {
    return SchemaEntity.findByName(catalog, schema);
  }

  public static TableEntity table(FullName name) {
    return SchemaChildEntity.findByName(TableEntity.class, name);
  }

  public static VolumeEntity volume(FullName name) {
    return SchemaChildEntity.findByName(VolumeEntity.class, name);
  }

  public static RegisteredModelEntity model(FullName name) {
    return SchemaChildEntity.findByName(RegisteredModelEntity.class, name);
  }

  public static FunctionEntity function(FullName name) {
    return SchemaChildEntity.findByName(FunctionEntity.class, name);
  }
}
