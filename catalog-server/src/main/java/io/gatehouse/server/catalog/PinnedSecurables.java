package io.gatehouse.server.catalog;

import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.common.FullName;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Securables as the request's pinned snapshot knows them (its {@code CatalogSnapshot}): what a
 * read needs to be decided (ids, names, parents, owners) without asking PostgreSQL, which is then
 * read only for what the answer returns, by primary key. A name the snapshot does not know (an
 * object another replica created a moment ago, or one that does not exist) answers null, and the
 * caller takes the database route, whose 404 names the first missing level.
 */
@ApplicationScoped
class PinnedSecurables {
  private final Authorizer authorizer;

  PinnedSecurables(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** The securable of {@code type} named {@code fullName} in the pinned snapshot, or null. */
  Target byName(SecurableType type, String fullName) {
    return authorizer.snapshot().catalog().byName(type, fullName);
  }

  Target catalog(String name) {
    return byName(SecurableType.CATALOG, name);
  }

  Target schema(FullName name) {
    return byName(SecurableType.SCHEMA, name.catalog() + "." + name.schema());
  }

  /** The metastore as the snapshot holds it (owned by the admin group), or null before the first load. */
  Target metastore() {
    return authorizer.snapshot().catalog().metastore();
  }

  static UUID id(Target target) {
    return UUID.fromString(target.securable().id());
  }

  /** The child of a schema with the id of {@code target}, its schema and catalog fetched along; null when gone. */
  static <T extends SchemaChildEntity> T child(Class<T> type, Target target) {
    List<T> rows = Panache.getEntityManager()
        .createQuery("from " + type.getSimpleName() + " x join fetch x.schema s join fetch s.catalog where x.id = ?1", type)
        .setParameter(1, id(target))
        .getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The schema with the id of {@code target}, its catalog fetched along; null when gone. */
  static SchemaEntity schema(Target target) {
    List<SchemaEntity> rows = Panache.getEntityManager()
        .createQuery("from SchemaEntity s join fetch s.catalog where s.id = ?1", SchemaEntity.class)
        .setParameter(1, id(target))
        .getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }
}
