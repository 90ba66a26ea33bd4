package io.gatehouse.server.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditLog;
import io.gatehouse.server.authz.Visibility;
import io.gatehouse.server.catalog.TableApi.DataSourceFormat;
import io.gatehouse.server.catalog.TableApi.DependencyList;
import io.gatehouse.server.catalog.TableApi.TableType;
import io.gatehouse.server.common.PageRequest;
import io.quarkus.hibernate.orm.panache.Panache;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import org.hibernate.Session;

/**
 * One page of a schema's tables (or one table, for GET), written straight from the result set as the JSON of {@link
 * TableApi.ListTablesResponse}: the same rows as {@link VisibleFilter#page} selects, the same
 * bytes as the response record gives through Jackson (fields in the record's order, nulls left
 * out, the stored documents written raw), without an entity or a record per row. A page of 1,000
 * tables is most of the time of a wide listing, and most of that was hydrating entities and
 * serializing them by reflection.
 */
final class TablePage {
  // The documents as text: the bytes PostgreSQL stores and JDBC reads a json column as, which
  // Vert.x's client would otherwise parse; both clients then give the same answer.
  private static final String COLUMNS = "x.id::text, x.name, x.table_type, x.data_source_format, x.columns::text,"
      + " x.storage_location, x.comment, x.properties::text, x.owner, floor(extract(epoch from x.created_at) * 1000)::bigint,"
      + " x.created_by, floor(extract(epoch from x.updated_at) * 1000)::bigint, x.updated_by, x.view_definition,"
      + " x.view_dependencies::text, x.row_filter::text, x.tags::text";

  private TablePage() {}

  /**
   * The page of {@code schema}'s tables that {@code visible} lets the caller see, as response
   * JSON, read in the same round trip as {@code record}, the listing's audit record.
   */
  static byte[] render(ObjectMapper json, AuditLog audit, AuditEvent record, SchemaEntity schema, Visibility visible,
      PageRequest page) {
    return Panache.getEntityManager().unwrap(Session.class).doReturningWork(c -> {
      List<Object> params = new ArrayList<>();
      String query = "select " + COLUMNS + " from tables x where x.schema_id = ? and lower(x.name) > ?"
          + condition(visible, c, params) + " order by lower(x.name) limit ?";
      return audit.queryWithRecord(c, record, query, (select, first) -> {
        int i = first;
        select.setObject(i++, schema.id);
        select.setString(i++, page.after() == null ? "" : page.after());
        for (Object p : params) {
          select.setObject(i++, p);
        }
        select.setInt(i, page.size() + 1);
      }, rows -> write(json, schema, rows, page.size()));
    });
  }

  /**
   * The table with {@code id} as GET answers it, its schema's and catalog's names read with it,
   * in the same round trip as {@code record}, the record of the decision that allowed the read
   * ({@link AuditLog#queryWithRecord}); null when it is gone, or when its full name is no longer {@code fullName} (renamed, or moved
   * with its schema or catalog): the caller then takes the database route.
   */
  static byte[] one(ObjectMapper json, AuditLog audit, AuditEvent record, UUID id, String fullName) {
    String query = "select " + COLUMNS + ", s.name, k.name from tables x"
        + " join schemas s on s.id = x.schema_id join catalogs k on k.id = s.catalog_id where x.id = ?";
    return Panache.getEntityManager().unwrap(Session.class).doReturningWork(c ->
        audit.queryWithRecord(c, record, query, (select, first) -> select.setObject(first, id),
            r -> r.next() ? one(json, Cells.of(r), fullName) : null));
  }

  /**
   * As {@link #one(ObjectMapper, AuditLog, AuditEvent, UUID, String)}, without blocking a thread:
   * the query and its record go out on {@code pool} ({@link AuditLog#queryWithRecord(Pool,
   * AuditEvent, java.util.function.IntFunction, List, java.util.function.Function)}), and the
   * stage completes on the event loop with the same bytes, or null.
   */
  static CompletionStage<byte[]> one(ObjectMapper json, AuditLog audit, Pool pool, AuditEvent record, UUID id,
      String fullName) {
    IntFunction<String> query = first -> "select " + COLUMNS + ", s.name, k.name from tables x"
        + " join schemas s on s.id = x.schema_id join catalogs k on k.id = s.catalog_id where x.id = $" + first;
    return audit.queryWithRecord(pool, record, query, List.of(id), rows -> {
      RowIterator<Row> it = rows.iterator();
      return it.hasNext() ? one(json, Cells.of(it.next()), fullName) : null;
    });
  }

  /** The table in {@code r} as GET answers it; null when its full name is no longer {@code fullName}. */
  private static byte[] one(ObjectMapper json, Cells r, String fullName) {
    try {
      String schemaName = r.text(18);
      String catalogName = r.text(19);
      String found = catalogName + "." + schemaName + "." + r.text(2);
      if (!found.equalsIgnoreCase(fullName)) {
        return null;
      }
      ByteArrayBuilder out = new ByteArrayBuilder(2048);
      try (JsonGenerator g = json.createGenerator(out)) {
        table(json, g, r, catalogName, schemaName, found);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read a table's row", e);
    }
  }

  /** Rows one after the other: a result set, or Vert.x's rows. */
  interface Cursor {
    /** Moves to the next row; false after the last. */
    boolean next() throws SQLException;

    /** The current row's columns. */
    Cells row();

    static Cursor of(ResultSet r) {
      Cells cells = Cells.of(r);
      return new Cursor() {
        @Override
        public boolean next() throws SQLException {
          return r.next();
        }

        @Override
        public Cells row() {
          return cells;
        }
      };
    }

    static Cursor of(RowSet<Row> rows) {
      RowIterator<Row> it = rows.iterator();
      return new Cursor() {
        private Cells current;

        @Override
        public boolean next() {
          current = it.hasNext() ? Cells.of(it.next()) : null;
          return current != null;
        }

        @Override
        public Cells row() {
          return current;
        }
      };
    }
  }

  /** A row's columns, numbered from 1, as JDBC's result set or Vert.x's row holds them. */
  interface Cells {
    String text(int column) throws SQLException;

    /** A document's text as UTF-8 bytes; null for SQL NULL. */
    byte[] utf8(int column) throws SQLException;

    /** A bigint; null for SQL NULL. */
    Long number(int column) throws SQLException;

    static Cells of(ResultSet r) {
      return new Cells() {
        @Override
        public String text(int column) throws SQLException {
          return r.getString(column);
        }

        @Override
        public byte[] utf8(int column) throws SQLException {
          return r.getBytes(column);
        }

        @Override
        public Long number(int column) throws SQLException {
          long value = r.getLong(column);
          return r.wasNull() ? null : value;
        }
      };
    }

    static Cells of(Row r) {
      return new Cells() {
        @Override
        public String text(int column) {
          return r.getString(column - 1);
        }

        @Override
        public byte[] utf8(int column) {
          String text = r.getString(column - 1);
          return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Long number(int column) {
          return r.getLong(column - 1);
        }
      };
    }
  }

  /** {@link VisibleFilter#of} in SQL, with arrays for its sets, for JDBC ({@code ?} parameters). */
  static String condition(Visibility visibility, Connection c, List<Object> params) throws SQLException {
    List<Object> sets = new ArrayList<>();
    String sql = condition(visibility, n -> "?", 1, sets);
    for (Object set : sets) {
      params.add(set instanceof UUID[] ids ? c.createArrayOf("uuid", ids) : c.createArrayOf("text", (String[]) set));
    }
    return sql;
  }

  /**
   * {@link VisibleFilter#of} in SQL: each set is one parameter, written by {@code parameter}
   * (numbered from {@code first}) and added to {@code sets} as a {@code UUID[]} or {@code
   * String[]}. One text for both clients: JDBC's {@code ?} and Vert.x's {@code $n}.
   */
  static String condition(Visibility visibility, IntFunction<String> parameter, int first, List<Object> sets) {
    if (visibility.everything()) {
      return "";
    }
    String reachable = "";
    if (!visibility.unreachable().isEmpty()) {
      reachable = " and x.id <> all(" + parameter.apply(first + sets.size()) + ")";
      sets.add(visibility.unreachable().toArray(UUID[]::new));
      if (visibility.all() && visibility.ids().isEmpty()) {
        return reachable;
      }
    }
    List<String> terms = new ArrayList<>();
    if (visibility.all()) {
      terms.add("x.id <> all(" + parameter.apply(first + sets.size()) + ")"); // every child but the exceptions
      sets.add(visibility.ids().toArray(UUID[]::new));
    } else if (!visibility.ids().isEmpty()) {
      terms.add("x.id = any(" + parameter.apply(first + sets.size()) + ")");
      sets.add(visibility.ids().toArray(UUID[]::new));
    }
    if (!visibility.ownerNames().isEmpty()) {
      terms.add("lower(x.owner) = any(" + parameter.apply(first + sets.size()) + ")");
      sets.add(visibility.ownerNames().toArray(String[]::new));
    }
    return reachable + (terms.isEmpty() ? " and false" : " and (" + String.join(" or ", terms) + ")");
  }

  private static byte[] write(ObjectMapper json, SchemaEntity schema, ResultSet rows, int size) throws SQLException {
    String catalogName = schema.catalog.name;
    String schemaName = schema.name;
    String prefix = catalogName + "." + schemaName + ".";
    // Sized for the page (a table with five columns is about 750 bytes), so the buffer is not
    // grown block by block.
    ByteArrayBuilder out = new ByteArrayBuilder(Math.min(size + 1, 1_000) * 1_024);
    // The mapper's own generator: the features it writes responses with.
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("tables");
      Cells cells = Cells.of(rows);
      String last = null;
      boolean more = false;
      for (int n = 0; rows.next(); n++) {
        if (n == size) {
          more = true; // the row after the page: another page follows
          break;
        }
        last = rows.getString(2);
        table(json, g, cells, catalogName, schemaName, prefix + last);
      }
      g.writeEndArray();
      if (more) {
        g.writeStringField("next_page_token", PageRequest.tokenAfter(TableService.PAGE_KIND, SchemaChildEntity.key(last)));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** One table as {@link TableResource#info} and Jackson write it. */
  private static void table(ObjectMapper json, JsonGenerator g, Cells r, String catalogName, String schemaName,
      String fullName) throws SQLException, IOException {
    g.writeStartObject();
    g.writeStringField("name", r.text(2));
    g.writeStringField("catalog_name", catalogName);
    g.writeStringField("schema_name", schemaName);
    g.writeStringField("table_type", TableType.valueOf(r.text(3)).name());
    String format = r.text(4);
    if (format != null) {
      g.writeStringField("data_source_format", DataSourceFormat.valueOf(format).name());
    }
    raw(g, "columns", r.utf8(5));
    string(g, "storage_location", r.text(6));
    string(g, "comment", r.text(7));
    raw(g, "properties", r.utf8(8));
    string(g, "owner", r.text(9));
    number(g, "created_at", r.number(10));
    string(g, "created_by", r.text(11));
    number(g, "updated_at", r.number(12));
    string(g, "updated_by", r.text(13));
    g.writeStringField("table_id", r.text(1));
    string(g, "view_definition", r.text(14));
    DependencyList dependencies = StoredJson.read(r.text(15), DependencyList.class);
    if (dependencies != null) {
      g.writeFieldName("view_dependencies");
      json.writeValue(g, dependencies);
    }
    g.writeStringField("full_name", fullName);
    raw(g, "row_filter", r.text(16));
    String tags = r.text(17);
    raw(g, "tags", tags == null || tags.equals("{}") ? null : tags);
    g.writeEndObject();
  }

  static void string(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  static void raw(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeFieldName(field);
      g.writeRawValue(value);
    }
  }

  /** A json column's document, as the UTF-8 bytes PostgreSQL sent (see {@link RawJson}). */
  static void raw(JsonGenerator g, String field, byte[] utf8) throws IOException {
    if (utf8 != null) {
      g.writeFieldName(field);
      g.writeRawValue(new RawJson(utf8));
    }
  }

  static void number(JsonGenerator g, String field, ResultSet r, int column) throws SQLException, IOException {
    long value = r.getLong(column);
    if (!r.wasNull()) {
      g.writeNumberField(field, value);
    }
  }

  static void number(JsonGenerator g, String field, Long value) throws IOException {
    if (value != null) {
      g.writeNumberField(field, value);
    }
  }
}
