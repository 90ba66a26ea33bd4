package io.gatehouse.server.catalog;

import io.gatehouse.server.common.FullName;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import java.util.List;
import java.util.Locale;

/** A securable that lives in a schema: table, volume, function. */
@MappedSuperclass
public abstract class SchemaChildEntity extends SecurableEntity {
  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "schema_id", nullable = false)
  public SchemaEntity schema;

  /** One query, parents fetched along: the row for {@code catalog.schema.name}, or null. */
  static <T extends SchemaChildEntity> T findByName(Class<T> type, FullName name) {
    List<T> rows =
        Panache.getEntityManager()
            .createQuery(
                "from " + type.getSimpleName() + " x join fetch x.schema s join fetch s.catalog c"
                    + " where lower(c.name) = ?1 and lower(s.name) = ?2 and lower(x.name) = ?3",
                type)
            .setParameter(1, key(name.catalog()))
            .setParameter(2, key(name.schema()))
            .setParameter(3, key(name.object()))
            .setMaxResults(1)
            .getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  static boolean nameTaken(Class<? extends SchemaChildEntity> type, SchemaEntity schema, String name) {
    return !Panache.getEntityManager()
        .createQuery(
            "select x.id from " + type.getSimpleName() + " x where x.schema = ?1 and lower(x.name) = ?2")
        .setParameter(1, schema)
        .setParameter(2, key(name))
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  public String fullName() {
    return schema.catalog.name + "." + schema.name + "." + name;
  }
}
