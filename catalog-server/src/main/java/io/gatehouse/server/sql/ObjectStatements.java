package io.gatehouse.server.sql;

import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.CatalogApi.CreateCatalog;
import io.gatehouse.server.catalog.CatalogApi.CreateSchema;
import io.gatehouse.server.catalog.CatalogApi.UpdateCatalog;
import io.gatehouse.server.catalog.CatalogApi.UpdateSchema;
import io.gatehouse.server.catalog.CatalogEntity;
import io.gatehouse.server.catalog.CatalogLookup;
import io.gatehouse.server.catalog.CatalogService;
import io.gatehouse.server.catalog.FunctionEntity;
import io.gatehouse.server.catalog.FunctionService;
import io.gatehouse.server.catalog.SchemaEntity;
import io.gatehouse.server.catalog.SchemaService;
import io.gatehouse.server.catalog.SecurableEntity;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.catalog.TableApi.ColumnInfo;
import io.gatehouse.server.catalog.TableApi.ColumnTypeName;
import io.gatehouse.server.catalog.TableApi.CreateTable;
import io.gatehouse.server.catalog.TableApi.DataSourceFormat;
import io.gatehouse.server.catalog.TableApi.TableType;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.catalog.VolumeApi.CreateVolume;
import io.gatehouse.server.catalog.VolumeApi.UpdateVolume;
import io.gatehouse.server.catalog.VolumeApi.VolumeType;
import io.gatehouse.server.catalog.VolumeEntity;
import io.gatehouse.server.catalog.VolumeService;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.sql.parse.ColumnDefinition;
import io.gatehouse.server.sql.parse.SecurableKind;
import io.gatehouse.server.sql.parse.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The DDL of securables and the statements that read them: CREATE, DROP, ALTER ... RENAME, SET
 * and UNSET properties, COMMENT ON, SHOW, DESCRIBE and USE. Each goes through the catalog
 * services, with the same checks as the REST API.
 */
@ApplicationScoped
class ObjectStatements {
  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final VolumeService volumes;
  private final FunctionService functions;
  private final Authorizer authorizer;
  private final CallerContext caller;

  ObjectStatements(CatalogService catalogs, SchemaService schemas, TableService tables, VolumeService volumes,
      FunctionService functions, Authorizer authorizer, CallerContext caller) {
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.volumes = volumes;
    this.functions = functions;
    this.authorizer = authorizer;
    this.caller = caller;
  }

  Result createCatalog(Statement.CreateCatalog c) {
    String name = c.name().part(0);
    if (c.ifNotExists() && CatalogLookup.catalog(name) != null) {
      return Result.status("Catalog " + name + " already exists; nothing was done.");
    }
    catalogs.create(new CreateCatalog(name, c.comment(), Map.of(), c.managedLocation()));
    return Result.status("Created catalog " + name + ".");
  }

  Result createSchema(Session session, Statement.CreateSchema c) {
    FullName name = session.schema(c.name());
    if (c.ifNotExists() && CatalogLookup.schema(name.catalog(), name.schema()) != null) {
      return Result.status("Schema " + Session.dotted(name) + " already exists; nothing was done.");
    }
    schemas.create(new CreateSchema(name.schema(), name.catalog(), c.comment(), c.properties(), c.managedLocation()));
    return Result.status("Created schema " + Session.dotted(name) + ".");
  }

  Result createTable(Session session, Statement.CreateTable c) {
    FullName name = session.object(c.name());
    if (c.ifNotExists() && CatalogLookup.table(name) != null) {
      return Result.status("Table " + Session.dotted(name) + " already exists; nothing was done.");
    }
    List<ColumnInfo> columns = new ArrayList<>();
    List<String> partitions = c.partitionColumns().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    for (int i = 0; i < c.columns().size(); i++) {
      ColumnDefinition d = c.columns().get(i);
      int partition = partitions.indexOf(d.name().toLowerCase(Locale.ROOT));
      columns.add(new ColumnInfo(d.name(), d.type().text(), null, ColumnTypeName.valueOf(d.type().typeName().name()),
          d.type().typeName().name().equals("DECIMAL") ? d.type().precision() : null,
          d.type().typeName().name().equals("DECIMAL") ? d.type().scale() : null,
          null, i, d.comment(), d.nullable(), partition < 0 ? null : partition));
    }
    for (String p : c.partitionColumns()) {
      if (columns.stream().noneMatch(col -> col.name().equalsIgnoreCase(p))) {
        throw GatehouseException.invalid("PARTITIONED BY names column '" + Validation.printable(p)
            + "', which the table does not have.");
      }
    }
    DataSourceFormat format = format(c.format());
    TableType type = c.location() == null ? TableType.MANAGED : TableType.EXTERNAL;
    tables.create(new CreateTable(name.object(), name.catalog(), name.schema(), type,
        format == null ? DataSourceFormat.DELTA : format, columns, c.location(), c.comment(), c.properties(),
        null, null));
    return Result.status("Created " + type.name().toLowerCase(Locale.ROOT) + " table " + Session.dotted(name) + ".");
  }

  private static DataSourceFormat format(String using) {
    if (using == null) {
      return null;
    }
    try {
      return DataSourceFormat.valueOf(using.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("USING " + Validation.printable(using) + " is not a table format Gatehouse knows;"
          + " use DELTA, PARQUET, CSV, JSON, AVRO, ORC or TEXT.");
    }
  }

  Result createVolume(Session session, Statement.CreateVolume c) {
    FullName name = session.object(c.name());
    if (c.ifNotExists() && CatalogLookup.volume(name) != null) {
      return Result.status("Volume " + Session.dotted(name) + " already exists; nothing was done.");
    }
    VolumeType type = c.location() == null ? VolumeType.MANAGED : VolumeType.EXTERNAL;
    volumes.create(new CreateVolume(name.catalog(), name.schema(), name.object(), type, c.comment(), c.location()));
    return Result.status("Created " + type.name().toLowerCase(Locale.ROOT) + " volume " + Session.dotted(name) + ".");
  }

  Result drop(Session session, Statement.Drop d) {
    String what = d.securable().keyword().toLowerCase(Locale.ROOT);
    String name;
    boolean exists;
    switch (d.securable()) {
      case CATALOG -> {
        name = session.catalog(d.name());
        exists = CatalogLookup.catalog(name) != null;
        if (exists || !d.ifExists()) {
          catalogs.delete(name, d.cascade());
        }
      }
      case SCHEMA -> {
        FullName n = session.schema(d.name());
        name = Session.dotted(n);
        exists = CatalogLookup.schema(n.catalog(), n.schema()) != null;
        if (exists || !d.ifExists()) {
          schemas.delete(name, d.cascade());
        }
      }
      case TABLE, VIEW -> {
        FullName n = session.object(d.name());
        name = Session.dotted(n);
        exists = CatalogLookup.table(n) != null;
        if (exists || !d.ifExists()) {
          tables.delete(name);
        }
      }
      case VOLUME -> {
        FullName n = session.object(d.name());
        name = Session.dotted(n);
        exists = CatalogLookup.volume(n) != null;
        if (exists || !d.ifExists()) {
          volumes.delete(name);
        }
      }
      default -> throw GrantStatements.unsupported(d.securable(), "DROP");
    }
    return Result.status(exists ? "Dropped " + what + " " + name + "." : "No " + what + " " + name + "; nothing was done.");
  }

  Result rename(Session session, Statement.Rename r) {
    String what = r.securable().keyword().toLowerCase(Locale.ROOT);
    String newName = r.newName().last();
    String name;
    switch (r.securable()) {
      case CATALOG -> {
        name = session.catalog(r.name());
        catalogs.update(name, new UpdateCatalog(null, null, newName, null));
      }
      case SCHEMA -> {
        FullName n = session.schema(r.name());
        sameContainer(r, n.catalog(), null);
        name = Session.dotted(n);
        schemas.update(name, new UpdateSchema(null, null, newName, null));
      }
      case TABLE, VIEW -> {
        FullName n = session.object(r.name());
        sameContainer(r, n.catalog(), n.schema());
        name = Session.dotted(n);
        renameTable(n, newName);
      }
      case VOLUME -> {
        FullName n = session.object(r.name());
        sameContainer(r, n.catalog(), n.schema());
        name = Session.dotted(n);
        volumes.update(name, new UpdateVolume(null, newName, null));
      }
      default -> throw GrantStatements.unsupported(r.securable(), "RENAME");
    }
    return Result.status("Renamed " + what + " " + name + " to " + newName + ".");
  }

  /** A new name may repeat the object's containers, but not move it to others. */
  private static void sameContainer(Statement.Rename r, String catalog, String schema) {
    List<String> containers = schema == null ? List.of(catalog) : List.of(catalog, schema);
    List<String> given = r.newName().parts().subList(0, r.newName().size() - 1);
    boolean same = given.size() <= containers.size()
        && lower(given).equals(lower(containers.subList(containers.size() - given.size(), containers.size())));
    if (!same) {
      throw GatehouseException.invalid("RENAME TO cannot move " + Validation.printable(r.name().toString())
          + " to another " + (schema == null ? "catalog" : "schema") + ".");
    }
  }

  private static List<String> lower(List<String> parts) {
    return parts.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
  }

  private void renameTable(FullName n, String newName) {
    TableEntity table = tables.get(Session.dotted(n));
    authorizer.require(Operation.RENAME_TABLE, Securables.of(table));
    String validated = Validation.name("new_name", newName);
    TableEntity other = CatalogLookup.table(new FullName(n.catalog(), n.schema(), validated));
    if (other != null && !other.id.equals(table.id)) {
      throw new GatehouseException(ErrorCode.TABLE_ALREADY_EXISTS,
          "Table '" + n.catalog() + "." + n.schema() + "." + validated + "' already exists.");
    }
    table.name = validated;
    table.stampUpdated(caller.name());
  }

  Result setProperties(Session session, Statement.SetProperties p) {
    Validation.properties("properties", p.properties());
    return editProperties(session, p.securable(), p.name(), props -> {
      props.putAll(p.properties());
      return "Set " + p.properties().size() + " propert" + (p.properties().size() == 1 ? "y" : "ies");
    });
  }

  Result unsetProperties(Session session, Statement.UnsetProperties p) {
    return editProperties(session, p.securable(), p.name(), props -> {
      for (String key : p.keys()) {
        if (props.remove(key) == null && !p.ifExists()) {
          throw GatehouseException.invalid("Property '" + Validation.printable(key) + "' is not set; use UNSET TBLPROPERTIES"
              + " IF EXISTS to ignore missing keys.");
        }
      }
      return "Unset " + p.keys().size() + " propert" + (p.keys().size() == 1 ? "y" : "ies");
    });
  }

  @SuppressWarnings("unchecked")
  private Result editProperties(Session session, SecurableKind kind, io.gatehouse.server.sql.parse.QualifiedName name,
      Function<Map<String, String>, String> edit) {
    Edited e = editable(session, kind, name, Operation.SET_PROPERTIES);
    Map<String, String> props = new LinkedHashMap<>(orEmpty(StoredJson.read(e.properties(), Map.class)));
    String done = edit.apply(props);
    Validation.properties("properties", props);
    e.store().accept(StoredJson.write(props));
    e.entity().stampUpdated(caller.name());
    return Result.status(done + " on " + kind.keyword().toLowerCase(Locale.ROOT) + " " + e.fullName() + ".");
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  /** An object whose properties or comment a statement changes, after a MANAGE check. */
  private record Edited(SecurableEntity entity, String fullName, String properties,
      java.util.function.Consumer<String> store) {}

  private Edited editable(Session session, SecurableKind kind, io.gatehouse.server.sql.parse.QualifiedName name, Operation action) {
    switch (kind) {
      case CATALOG -> {
        CatalogEntity c = catalogs.get(session.catalog(name));
        authorizer.require(action, Securables.of(c));
        return new Edited(c, c.name, c.properties, v -> c.properties = v);
      }
      case SCHEMA -> {
        SchemaEntity s = schemas.get(Session.dotted(session.schema(name)));
        authorizer.require(action, Securables.of(s));
        return new Edited(s, s.fullName(), s.properties, v -> s.properties = v);
      }
      case TABLE, VIEW -> {
        TableEntity t = tables.get(Session.dotted(session.object(name)));
        authorizer.require(action, Securables.of(t));
        return new Edited(t, t.fullName(), t.properties, v -> t.properties = v);
      }
      default -> throw GrantStatements.unsupported(kind, "properties");
    }
  }

  Result commentOn(Session session, Statement.CommentOn c) {
    String comment = Validation.comment("comment", c.comment());
    if (c.column() != null) {
      TableEntity t = tables.get(Session.dotted(session.object(c.name())));
      authorizer.require(Operation.COMMENT_ON_COLUMN, Securables.of(t));
      TableColumns.edit(t, c.column(), column -> {
        if (comment == null) {
          column.remove("comment");
        } else {
          column.put("comment", comment);
        }
      });
      t.stampUpdated(caller.name());
      return Result.status("Set the comment of column " + t.fullName() + "." + c.column() + ".");
    }
    SecurableEntity entity;
    String fullName;
    switch (c.securable()) {
      case VOLUME -> {
        VolumeEntity v = volumes.get(Session.dotted(session.object(c.name())));
        authorizer.require(Operation.COMMENT_ON, Securables.of(v));
        entity = v;
        fullName = v.fullName();
      }
      default -> {
        Edited e = editable(session, c.securable(), c.name(), Operation.COMMENT_ON);
        entity = e.entity();
        fullName = e.fullName();
      }
    }
    entity.comment = comment;
    entity.stampUpdated(caller.name());
    return Result.status("Set the comment of " + c.securable().keyword().toLowerCase(Locale.ROOT) + " " + fullName + ".");
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
