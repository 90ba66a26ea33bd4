package io.gatehouse.server.catalog;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.policy.Securable;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Target;
import io.gatehouse.server.identity.BootstrapConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Resolves many securables at once, for engines' batches of checks: one query per kind of
 * securable and per way of naming them (full name or id), with plain JDBC on one connection. A
 * securable that does not exist is absent from the answer.
 */
@ApplicationScoped
public class SecurableBatch {
  /** How a check names its securable. */
  public record Ref(SecurableType type, String fullName, String id) {
    /** The key under which {@link #resolve} answers for this ref. */
    public String key() {
      return type + (fullName != null ? "|n|" + fullName.toLowerCase(Locale.ROOT) : "|i|" + id.toLowerCase(Locale.ROOT));
    }
  }

  private final AgroalDataSource dataSource;
  private final BootstrapConfig bootstrap;

  SecurableBatch(AgroalDataSource dataSource, BootstrapConfig bootstrap) {
    this.dataSource = dataSource;
    this.bootstrap = bootstrap;
  }

  public Map<String, Target> resolve(List<Ref> refs) {
    Map<String, Target> found = new HashMap<>();
    Map<SecurableType, List<Ref>> byName = new HashMap<>();
    Map<SecurableType, List<Ref>> byId = new HashMap<>();
    for (Ref ref : refs) {
      (ref.fullName() != null ? byName : byId).computeIfAbsent(ref.type(), t -> new ArrayList<>()).add(ref);
    }
    try (Connection c = dataSource.getConnection()) {
      for (var e : byName.entrySet()) {
        byNames(c, e.getKey(), e.getValue(), found);
      }
      for (var e : byId.entrySet()) {
        byIds(c, e.getKey(), e.getValue(), found);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot resolve securables", e);
    }
    return found;
  }

  private static String table(SecurableType type) {
    return switch (type) {
      case TABLE -> "tables";
      case VOLUME -> "volumes";
      case FUNCTION -> "functions";
      default -> null;
    };
  }

  private static final String CHILD_COLUMNS =
      "c.id, c.name, c.owner, s.id, s.name, s.owner, x.id, x.name, x.owner";

  private void byNames(Connection c, SecurableType type, List<Ref> refs, Map<String, Target> found) throws SQLException {
    List<String[]> parts = new ArrayList<>();
    for (Ref ref : refs) {
      String[] p = ref.fullName().toLowerCase(Locale.ROOT).split("\\.", -1);
      parts.add(p);
    }
    String sql;
    switch (type) {
      case METASTORE -> {
        metastore(c, refs, found);
        return;
      }
      case CATALOG -> sql = "SELECT k.n0, c.id, c.name, c.owner FROM unnest(?::text[]) AS k(n0)"
          + " JOIN catalogs c ON lower(c.name) = k.n0";
      case SCHEMA -> sql = "SELECT k.n0 || '.' || k.n1, c.id, c.name, c.owner, s.id, s.name, s.owner"
          + " FROM unnest(?::text[], ?::text[]) AS k(n0, n1) JOIN catalogs c ON lower(c.name) = k.n0"
          + " JOIN schemas s ON s.catalog_id = c.id AND lower(s.name) = k.n1";
      default -> {
        String table = table(type);
        if (table == null) {
          return;
        }
        sql = "SELECT k.n0 || '.' || k.n1 || '.' || k.n2, " + CHILD_COLUMNS
            + " FROM unnest(?::text[], ?::text[], ?::text[]) AS k(n0, n1, n2) JOIN catalogs c ON lower(c.name) = k.n0"
            + " JOIN schemas s ON s.catalog_id = c.id AND lower(s.name) = k.n1"
            + " JOIN " + table + " x ON x.schema_id = s.id AND lower(x.name) = k.n2";
      }
    }
    int arity = type == SecurableType.CATALOG ? 1 : type == SecurableType.SCHEMA ? 2 : 3;
    try (PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < arity; i++) {
        List<String> column = new ArrayList<>();
        for (String[] p : parts) {
          if (p.length == arity) {
            column.add(p[i]);
          }
        }
        Array array = c.createArrayOf("text", column.toArray());
        q.setArray(i + 1, array);
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          found.put(type + "|n|" + rs.getString(1), target(type, rs, 2));
        }
      }
    }
  }

  private void byIds(Connection c, SecurableType type, List<Ref> refs, Map<String, Target> found) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    for (Ref ref : refs) {
      try {
        ids.add(UUID.fromString(ref.id()));
      } catch (IllegalArgumentException e) {
        // not an id: not found
      }
    }
    String sql = switch (type) {
      case CATALOG -> "SELECT c.id::text, c.id, c.name, c.owner FROM catalogs c WHERE c.id = ANY(?)";
      case SCHEMA -> "SELECT s.id::text, c.id, c.name, c.owner, s.id, s.name, s.owner FROM schemas s"
          + " JOIN catalogs c ON c.id = s.catalog_id WHERE s.id = ANY(?)";
      default -> table(type) == null ? null : "SELECT x.id::text, " + CHILD_COLUMNS + " FROM " + table(type) + " x"
          + " JOIN schemas s ON s.id = x.schema_id JOIN catalogs c ON c.id = s.catalog_id WHERE x.id = ANY(?)";
    };
    if (type == SecurableType.METASTORE) {
      metastore(c, refs, found);
      return;
    }
    if (sql == null) {
      return;
    }
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          found.put(type + "|i|" + rs.getString(1), target(type, rs, 2));
        }
      }
    }
  }

  private void metastore(Connection c, List<Ref> refs, Map<String, Target> found) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT id, name FROM metastore LIMIT 1"); ResultSet rs = q.executeQuery()) {
      if (rs.next()) {
        String id = rs.getString(1);
        String name = rs.getString(2);
        Target t = new Target(Securable.of(SecurableType.METASTORE, id), List.of(bootstrap.adminGroup()), List.of(name));
        for (Ref ref : refs) {
          String given = ref.fullName() != null ? ref.fullName() : ref.id();
          if (given.equalsIgnoreCase(id) || given.equalsIgnoreCase(name)) {
            found.put(ref.key(), t);
          }
        }
      }
    }
  }

  /** The target from columns (id, name, owner) per level, starting at {@code from}. */
  private static Target target(SecurableType type, ResultSet rs, int from) throws SQLException {
    String catalogId = rs.getString(from);
    String catalog = rs.getString(from + 1);
    String catalogOwner = rs.getString(from + 2);
    if (type == SecurableType.CATALOG) {
      return new Target(Securable.of(type, catalogId), List.of(catalogOwner), List.of(catalog));
    }
    String schemaId = rs.getString(from + 3);
    String schema = catalog + "." + rs.getString(from + 4);
    String schemaOwner = rs.getString(from + 5);
    if (type == SecurableType.SCHEMA) {
      return new Target(Securable.of(type, catalogId, schemaId), List.of(catalogOwner, schemaOwner), List.of(catalog, schema));
    }
    return new Target(Securable.of(type, catalogId, schemaId, rs.getString(from + 6)),
        List.of(catalogOwner, schemaOwner, rs.getString(from + 8)),
        List.of(catalog, schema, schema + "." + rs.getString(from + 7)));
  }
}
