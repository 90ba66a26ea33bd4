package io.gatehouse.server.catalog;

import io.gatehouse.policy.Securable;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Target;
import java.util.List;

/** Catalog objects as the policy engine sees them: id paths, owners and names along the path. */
public final class Securables {
  private Securables() {}

  public static Target metastore(MetastoreEntity metastore, String adminGroup) {
    return new Target(Securable.of(SecurableType.METASTORE, metastore.id.toString()), List.of(adminGroup), List.of(metastore.name));
  }

  public static Target of(CatalogEntity c) {
    return new Target(Securable.of(SecurableType.CATALOG, c.id.toString()), List.of(c.owner), List.of(c.name));
  }

  public static Target of(SchemaEntity s) {
    return new Target(
        Securable.of(SecurableType.SCHEMA, s.catalog.id.toString(), s.id.toString()),
        List.of(s.catalog.owner, s.owner),
        List.of(s.catalog.name, s.fullName()));
  }

  public static Target of(SchemaChildEntity x) {
    SchemaEntity s = x.schema;
    return new Target(
        Securable.of(typeOf(x), s.catalog.id.toString(), s.id.toString(), x.id.toString()),
        List.of(s.catalog.owner, s.owner, x.owner),
        List.of(s.catalog.name, s.fullName(), x.fullName()));
  }

  static SecurableType typeOf(SchemaChildEntity x) {
    return typeOf(x.getClass());
  }

  static SecurableType typeOf(Class<?> type) {
    if (TableEntity.class.isAssignableFrom(type)) {
      return SecurableType.TABLE;
    }
    if (VolumeEntity.class.isAssignableFrom(type)) {
      return SecurableType.VOLUME;
    }
    if (RegisteredModelEntity.class.isAssignableFrom(type)) {
      return SecurableType.REGISTERED_MODEL;
    }
    return SecurableType.FUNCTION;
  }
}
