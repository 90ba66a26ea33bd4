package io.gatehouse.server.catalog;

import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.Visibility;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the services of a schema's children (tables, volumes, functions) do alike: find one by its
 * full name, list a page of those the caller may see, refuse a name another child of the kind has.
 * The authorization checks stay in each service, one line per operation, so that what an
 * operation requires is read where the operation is.
 */
final class SchemaChildren<T extends SchemaChildEntity> {
  private final Class<T> type;
  private final String kind;
  private final ErrorCode alreadyExists;
  private final SchemaService schemas;
  private final PinnedSecurables pinned;

  /** {@code kind} names the children in messages ("Table"); {@code alreadyExists} is their 409. */
  SchemaChildren(Class<T> type, String kind, ErrorCode alreadyExists, SchemaService schemas, PinnedSecurables pinned) {
    this.type = type;
    this.kind = kind;
    this.alreadyExists = alreadyExists;
    this.schemas = schemas;
    this.pinned = pinned;
  }

  /**
   * The child for a read that {@code decide} authorizes (the service's authorizer call): decided
   * on the securable as the request's pinned snapshot holds it, then read by id. Only when the
   * snapshot does not know the name, or the row changed since (renamed, dropped), is it found by
   * name in the database and decided on what the database holds.
   */
  T get(String fullName, Consumer<Target> decide) {
    FullName name = FullName.ofObject(fullName);
    Target target = pinned.byName(Securables.typeOf(type), name.toString());
    if (target != null) {
      decide.accept(target);
      T child = PinnedSecurables.child(type, target);
      if (child != null && child.fullName().equalsIgnoreCase(name.toString())) {
        return child;
      }
    }
    T child = find(fullName);
    decide.accept(Securables.of(child));
    return child;
  }

  /** The child, without an authorization check; when it is missing, the 404 names the first missing level. */
  T find(String fullName) {
    FullName name = FullName.ofObject(fullName);
    T child = SchemaChildEntity.findByName(type, name);
    if (child == null) {
      schemas.find(name);
      throw GatehouseException.notFound(kind + " '" + name + "' does not exist.");
    }
    return child;
  }

  /**
   * One page of the children of {@code catalogName.schemaName} the caller may see, as {@code
   * visibility} (the service's authorizer call) decides it for the schema.
   */
  Listing<T> list(String catalogName, String schemaName, PageRequest page, Function<Target, Visibility> visibility) {
    Scope<Visibility> scope = scope(catalogName, schemaName, visibility, unused -> {});
    return new Listing<>(VisibleFilter.page(type, "schema", scope.schema(), scope.decided(), page));
  }

  /** The schema a listing names, and what was decided on it (which of its children the caller may see). */
  record Scope<V>(SchemaEntity schema, V decided) {}

  /**
   * What {@link #list} pages through: the schema, decided on ({@code decide}) as the request's
   * pinned snapshot holds it and then read by id, or, when the snapshot does not know it or it
   * changed since, found by name and decided on what the database holds; {@code superseded} is
   * given a decision on the snapshot that the database route then replaced.
   */
  <V> Scope<V> scope(String catalogName, String schemaName, Function<Target, V> decide, Consumer<V> superseded) {
    Validation.name("catalog_name", catalogName);
    Validation.name("schema_name", schemaName);
    FullName name = new FullName(catalogName, schemaName, null);
    Target target = pinned.schema(name);
    if (target != null) {
      // Decided on the snapshot's schema; its row, which the answer names, read by id.
      V decided = decide.apply(target);
      SchemaEntity schema = PinnedSecurables.schema(target);
      if (schema != null && schema.fullName().equalsIgnoreCase(name.toString())) {
        return new Scope<>(schema, decided);
      }
      superseded.accept(decided);
    }
    SchemaEntity schema = schemas.find("catalog_name", catalogName, "schema_name", schemaName);
    return new Scope<>(schema, decide.apply(Securables.of(schema)));
  }

  /** Refuses a new child's name when the schema already has a child of this kind so named, case aside. */
  void requireFreeName(SchemaEntity schema, String name) {
    if (SchemaChildEntity.nameTaken(type, schema, name)) {
      throw alreadyExists(schema, name);
    }
  }

  GatehouseException alreadyExists(SchemaEntity schema, String name) {
    return new GatehouseException(alreadyExists, kind + " '" + schema.fullName() + "." + name + "' already exists.");
  }
}
