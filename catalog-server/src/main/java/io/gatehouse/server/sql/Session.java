package io.gatehouse.server.sql;

import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.sql.parse.QualifiedName;

/**
 * The state a script carries from statement to statement: the current catalog and schema, which
 * complete names of one or two parts, as {@code USE} sets them.
 */
final class Session {
  private String catalog;
  private String schema;

  Session(String catalog, String schema) {
    this.catalog = catalog;
    this.schema = schema;
  }

  void use(String catalog, String schema) {
    this.catalog = catalog;
    this.schema = schema;
  }

  String catalog(QualifiedName name) {
    if (name.size() != 1) {
      throw GatehouseException.invalid("A catalog name has one part: '" + Validation.printable(name.toString()) + "'.");
    }
    return name.part(0);
  }

  /** {@code catalog.schema}, completing a one-part name with the current catalog. */
  FullName schema(QualifiedName name) {
    return switch (name.size()) {
      case 1 -> new FullName(currentCatalog(name), name.part(0), null);
      case 2 -> new FullName(name.part(0), name.part(1), null);
      default -> throw GatehouseException.invalid(
          "A schema name has at most two parts: '" + Validation.printable(name.toString()) + "'.");
    };
  }

  /** {@code catalog.schema.object}, completing shorter names with the current catalog and schema. */
  FullName object(QualifiedName name) {
    return switch (name.size()) {
      case 1 -> new FullName(currentCatalog(name), currentSchema(name), name.part(0));
      case 2 -> new FullName(currentCatalog(name), name.part(0), name.part(1));
      case 3 -> new FullName(name.part(0), name.part(1), name.part(2));
      default -> throw GatehouseException.invalid(
          "A name has at most three parts: '" + Validation.printable(name.toString()) + "'.");
    };
  }

  /** The current catalog, for statements that default to it (SHOW SCHEMAS). */
  String currentCatalog() {
    return currentCatalog(QualifiedName.of("SHOW"));
  }

  /** The current schema, for statements that default to it (SHOW TABLES). */
  FullName currentSchema() {
    return new FullName(currentCatalog(), currentSchema(QualifiedName.of("SHOW")), null);
  }

  private String currentCatalog(QualifiedName name) {
    if (catalog == null) {
      throw GatehouseException.invalid("'" + Validation.printable(name.toString())
          + "' needs a catalog: name one, run USE CATALOG, or send a default catalog.");
    }
    return catalog;
  }

  private String currentSchema(QualifiedName name) {
    if (schema == null) {
      throw GatehouseException.invalid("'" + Validation.printable(name.toString())
          + "' needs a schema: name one, run USE SCHEMA, or send a default schema.");
    }
    return schema;
  }

  static String dotted(FullName n) {
    return n.object() == null ? n.catalog() + "." + n.schema() : n.catalog() + "." + n.schema() + "." + n.object();
  }
}
