package io.gatehouse.server.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditLog;
import io.gatehouse.server.authz.Visibility;
import io.gatehouse.server.common.PageRequest;
import io.quarkus.hibernate.orm.panache.Panache;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
import org.hibernate.Session;

/**
 * One page of catalogs as the JSON of {@link CatalogApi.ListCatalogsResponse}, as {@link
 * TablePage} writes tables: the rows {@link VisibleFilter#page} selects, read in the round trip
 * that writes the listing's audit record, and written as Jackson writes the response record.
 */
final class CatalogPage {
  // The properties as text, as in TablePage: the same bytes from either client.
  private static final String COLUMNS = "x.id::text, x.name, x.comment, x.properties::text, x.owner,"
      + " floor(extract(epoch from x.created_at) * 1000)::bigint, x.created_by,"
      + " floor(extract(epoch from x.updated_at) * 1000)::bigint, x.updated_by, x.storage_root, x.storage_location,"
      + " x.isolation_mode";

  private CatalogPage() {}

  static byte[] render(ObjectMapper json, AuditLog audit, AuditEvent record, Visibility visible, PageRequest page) {
    return Panache.getEntityManager().unwrap(Session.class).doReturningWork(c -> {
      List<Object> params = new ArrayList<>();
      String query = "select " + COLUMNS + " from catalogs x where lower(x.name) > ?" + TablePage.condition(visible, c, params)
          + " order by lower(x.name) limit ?";
      return audit.queryWithRecord(c, record, query, (select, first) -> {
        int i = first;
        select.setString(i++, page.after() == null ? "" : page.after());
        for (Object p : params) {
          select.setObject(i++, p);
        }
        select.setInt(i, page.size() + 1);
      }, rows -> write(json, TablePage.Cursor.of(rows), page.size()));
    });
  }

  /**
   * As {@link #render(ObjectMapper, AuditLog, AuditEvent, Visibility, PageRequest)}, without
   * blocking a thread: the query and its record go out on {@code pool}, and the stage completes
   * on the event loop with the same bytes.
   */
  static CompletionStage<byte[]> render(ObjectMapper json, AuditLog audit, Pool pool, AuditEvent record,
      Visibility visible, PageRequest page) {
    List<Object> parameters = new ArrayList<>();
    // Applied before the parameters are read (AuditLog#queryWithRecord): it adds them.
    IntFunction<String> query = first -> {
      parameters.clear();
      parameters.add(page.after() == null ? "" : page.after());
      List<Object> sets = new ArrayList<>();
      String condition = TablePage.condition(visible, n -> "$" + n, first + 1, sets);
      parameters.addAll(sets);
      parameters.add(page.size() + 1);
      return "select " + COLUMNS + " from catalogs x where lower(x.name) > $" + first + condition
          + " order by lower(x.name) limit $" + (first + 1 + sets.size());
    };
    return audit.queryWithRecord(pool, record, query, parameters, rows -> {
      try {
        return write(json, TablePage.Cursor.of(rows), page.size());
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read a page of catalogs", e);
      }
    });
  }

  private static byte[] write(ObjectMapper json, TablePage.Cursor rows, int size) throws SQLException {
    ByteArrayBuilder out = new ByteArrayBuilder(1024);
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("catalogs");
      String last = null;
      boolean more = false;
      for (int n = 0; rows.next(); n++) {
        if (n == size) {
          more = true; // the row after the page: another page follows
          break;
        }
        TablePage.Cells r = rows.row();
        last = r.text(2);
        // The fields of CatalogApi.CatalogInfo, in its order, nulls left out.
        g.writeStartObject();
        g.writeStringField("name", last);
        TablePage.string(g, "comment", r.text(3));
        TablePage.raw(g, "properties", r.utf8(4));
        TablePage.string(g, "owner", r.text(5));
        TablePage.number(g, "created_at", r.number(6));
        TablePage.string(g, "created_by", r.text(7));
        TablePage.number(g, "updated_at", r.number(8));
        TablePage.string(g, "updated_by", r.text(9));
        g.writeStringField("id", r.text(1));
        TablePage.string(g, "storage_root", r.text(10));
        TablePage.string(g, "storage_location", r.text(11));
        TablePage.string(g, "isolation_mode", r.text(12));
        g.writeEndObject();
      }
      g.writeEndArray();
      if (more) {
        g.writeStringField("next_page_token", PageRequest.tokenAfter(CatalogService.PAGE_KIND, SchemaChildEntity.key(last)));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
