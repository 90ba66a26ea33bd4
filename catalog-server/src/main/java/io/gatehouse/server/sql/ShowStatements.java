package io.gatehouse.server.sql;

import io.gatehouse.server.catalog.CatalogEntity;
import io.gatehouse.server.catalog.CatalogService;
import io.gatehouse.server.catalog.FunctionEntity;
import io.gatehouse.server.catalog.FunctionService;
import io.gatehouse.server.catalog.SchemaEntity;
import io.gatehouse.server.catalog.SchemaService;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.catalog.TableApi.TableType;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.catalog.VolumeEntity;
import io.gatehouse.server.catalog.VolumeService;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.sql.parse.SecurableKind;
import io.gatehouse.server.sql.parse.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The statements that look at the catalog without changing it: SHOW, DESCRIBE and USE. They read
 * through the catalog services, so a caller sees here only what the REST API would show it.
 */
@ApplicationScoped
class ShowStatements {
  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final VolumeService volumes;
  private final FunctionService functions;

  ShowStatements(CatalogService catalogs, SchemaService schemas, TableService tables,
      VolumeService volumes, FunctionService functions) {
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.volumes = volumes;
    this.functions = functions;
  }

  Result use(Session session, Statement.Use u) {
    if (u.securable() == SecurableKind.CATALOG) {
      CatalogEntity c = catalogs.get(session.catalog(u.name()));
      session.use(c.name, "default");
      return Result.status("Using catalog " + c.name + ".");
    }
    SchemaEntity s = schemas.get(Session.dotted(session.schema(u.name())));
    session.use(s.catalog.name, s.name);
    return Result.status("Using schema " + s.fullName() + ".");
  }

  Result show(Session session, Statement.ShowObjects show) {
    Pattern like = show.pattern() == null ? null : likePattern(show.pattern());
    switch (show.kind()) {
      case CATALOG -> {
        Result.Builder rows = Result.rows("catalog");
        pages(page -> catalogs.list(page), c -> c.name).stream()
            .filter(c -> matches(like, c.name)).forEach(c -> rows.row(c.name));
        return rows.build();
      }
      case SCHEMA -> {
        String catalog = show.container() != null ? session.catalog(show.container()) : session.currentCatalog();
        Result.Builder rows = Result.rows("databaseName");
        pages(page -> schemas.list(catalog, page), s -> s.name).stream()
            .filter(s -> matches(like, s.name)).forEach(s -> rows.row(s.name));
        return rows.build();
      }
      case TABLE, VIEW -> {
        FullName schema = container(session, show);
        Result.Builder rows = Result.rows("database", "tableName", "isTemporary");
        pages(page -> tables.list(schema.catalog(), schema.schema(), page).rows(), t -> t.name).stream()
            .filter(t -> show.kind() == SecurableKind.TABLE || TableType.VIEW.name().equals(t.tableType))
            .filter(t -> matches(like, t.name))
            .forEach(t -> rows.row(schema.schema(), t.name, "false"));
        return rows.build();
      }
      case VOLUME -> {
        FullName schema = container(session, show);
        Result.Builder rows = Result.rows("database", "volume_name");
        pages(page -> volumes.list(schema.catalog(), schema.schema(), page).rows(), v -> v.name).stream()
            .filter(v -> matches(like, v.name)).forEach(v -> rows.row(schema.schema(), v.name));
        return rows.build();
      }
      case FUNCTION -> {
        FullName schema = container(session, show);
        Result.Builder rows = Result.rows("function");
        pages(page -> functions.list(schema.catalog(), schema.schema(), page).rows(), f -> f.name).stream()
            .filter(f -> matches(like, f.name)).forEach(f -> rows.row(f.fullName()));
        return rows.build();
      }
      default -> throw GrantStatements.unsupported(show.kind(), "SHOW");
    }
  }

  private static FullName container(Session session, Statement.ShowObjects show) {
    return show.container() != null ? session.schema(show.container()) : session.currentSchema();
  }

  /** Every visible row, page by page through the service's keyset paging. */
  private static <T> List<T> pages(Function<PageRequest, List<T>> list, Function<T, String> name) {
    List<T> all = new ArrayList<>();
    String after = null;
    while (true) {
      List<T> page = list.apply(new PageRequest(PageRequest.MAX_SIZE, after));
      all.addAll(page.subList(0, Math.min(page.size(), PageRequest.MAX_SIZE)));
      if (page.size() <= PageRequest.MAX_SIZE) {
        return all;
      }
      after = name.apply(page.get(PageRequest.MAX_SIZE - 1)).toLowerCase(Locale.ROOT);
    }
  }

  /** Databricks' LIKE pattern of SHOW: {@code *} for any characters, {@code |} between alternatives. */
  static Pattern likePattern(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String alternative : pattern.split("\\|", -1)) {
      if (regex.length() > 0) {
        regex.append('|');
      }
      StringBuilder part = new StringBuilder();
      for (char ch : alternative.trim().toCharArray()) {
        if (ch == '*') {
          part.append(".*");
        } else {
          part.append(Pattern.quote(String.valueOf(ch)));
        }
      }
      regex.append("(?:").append(part).append(')');
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static boolean matches(Pattern like, String name) {
    return like == null || like.matcher(name).matches();
  }

  Result describe(Session session, Statement.Describe d) {
    switch (d.securable()) {
      case CATALOG -> {
        CatalogEntity c = catalogs.get(session.catalog(d.name()));
        Result.Builder rows = Result.rows("info_name", "info_value")
            .row("Catalog Name", c.name).row("Comment", nz(c.comment)).row("Owner", c.owner);
        if (d.extended()) {
          rows.row("Storage Root", nz(c.storageRoot)).row("Storage Location", nz(c.storageLocation))
              .row("Properties", pairs(c.properties)).row("Tags", pairs(c.tags))
              .row("Created At", c.createdAt.toString()).row("Created By", c.createdBy);
        }
        return rows.build();
      }
      case SCHEMA -> {
        SchemaEntity s = schemas.get(Session.dotted(session.schema(d.name())));
        Result.Builder rows = Result.rows("info_name", "info_value")
            .row("Catalog Name", s.catalog.name).row("Namespace Name", s.name).row("Comment", nz(s.comment))
            .row("Owner", s.owner);
        if (d.extended()) {
          rows.row("Storage Location", nz(s.storageLocation)).row("Properties", pairs(s.properties))
              .row("Tags", pairs(s.tags)).row("Created At", s.createdAt.toString()).row("Created By", s.createdBy);
        }
        return rows.build();
      }
      case TABLE, VIEW -> {
        return describeTable(tables.get(Session.dotted(session.object(d.name()))), d.extended());
      }
      case VOLUME -> {
        VolumeEntity v = volumes.get(Session.dotted(session.object(d.name())));
        return Result.rows("name", "catalog", "database", "owner", "storage_location", "volume_type", "comment", "tags")
            .row(v.name, v.schema.catalog.name, v.schema.name, v.owner, v.storageLocation, v.volumeType, nz(v.comment),
                pairs(v.tags))
            .build();
      }
      case FUNCTION -> {
        FunctionEntity f = functions.get(Session.dotted(session.object(d.name())));
        var definition = StoredJson.read(f.definition, io.gatehouse.server.catalog.FunctionApi.CreateFunction.class);
        Result.Builder rows = Result.rows("function_desc").row("Function: " + f.fullName())
            .row("Type:     SCALAR").row("Input:    " + parameters(definition))
            .row("Returns:  " + nz(definition.fullDataType()));
        if (d.extended()) {
          rows.row("Owner:    " + f.owner).row("Body:     " + nz(definition.routineDefinition()));
        }
        return rows.build();
      }
      default -> throw GrantStatements.unsupported(d.securable(), "DESCRIBE");
    }
  }

  private static String parameters(io.gatehouse.server.catalog.FunctionApi.CreateFunction definition) {
    if (definition.inputParams() == null || definition.inputParams().parameters() == null) {
      return "()";
    }
    return definition.inputParams().parameters().stream().map(p -> p.name() + " " + p.typeText().toUpperCase(Locale.ROOT))
        .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
  }

  private static Result describeTable(TableEntity t, boolean extended) {
    Result.Builder rows = Result.rows("col_name", "data_type", "comment");
    List<Map<String, Object>> columns = TableColumns.read(t);
    for (Map<String, Object> c : columns) {
      rows.row(String.valueOf(c.get("name")), String.valueOf(c.get("type_text")),
          c.get("comment") == null ? null : String.valueOf(c.get("comment")));
    }
    if (extended) {
      rows.row("", "", "").row("# Detailed Table Information", "", "")
          .row("Catalog", t.schema.catalog.name, "").row("Database", t.schema.name, "").row("Table", t.name, "")
          .row("Owner", t.owner, "").row("Type", t.tableType, "").row("Provider", nz(t.dataSourceFormat), "")
          .row("Location", nz(t.storageLocation), "").row("Comment", nz(t.comment), "")
          .row("Table Properties", pairs(t.properties), "").row("Tags", pairs(t.tags), "");
      if (t.rowFilter != null) {
        Map<?, ?> filter = StoredJson.read(t.rowFilter, Map.class);
        rows.row("Row Filter", filter.get("function_name") + " ON (" + String.join(", ",
            ((List<?>) filter.get("input_column_names")).stream().map(String::valueOf).toList()) + ")", "");
      }
      for (Map<String, Object> c : columns) {
        if (c.get("mask") instanceof Map<?, ?> mask) {
          List<?> using = mask.get("using_column_names") instanceof List<?> l ? l : List.of();
          rows.row("Column Mask", c.get("name") + ": " + mask.get("function_name")
              + (using.isEmpty() ? "" : " USING COLUMNS (" + String.join(", ", using.stream().map(String::valueOf).toList()) + ")"), "");
        }
        if (c.get("tags") instanceof Map<?, ?> tags && !tags.isEmpty()) {
          rows.row("Column Tags", c.get("name") + ": " + pairs(StoredJson.write(tags)), "");
        }
      }
    }
    return rows.build();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** A JSON object of strings as {@code (k=v, k2=v2)}, or empty. */
  @SuppressWarnings("unchecked")
  static String pairs(String json) {
    Map<String, Object> map = json == null ? null : StoredJson.read(json, Map.class);
    if (map == null || map.isEmpty()) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    map.forEach((k, v) -> pairs.add(v == null || "".equals(v) ? k : k + "=" + v));
    return "(" + String.join(", ", pairs) + ")";
  }
}
