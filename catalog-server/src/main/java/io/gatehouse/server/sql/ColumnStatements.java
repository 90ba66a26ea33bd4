package io.gatehouse.server.sql;

import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.catalog.TableApi.ColumnInfo;
import io.gatehouse.server.catalog.TableApi.ColumnTypeName;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.sql.parse.ColumnDefinition;
import io.gatehouse.server.sql.parse.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ALTER TABLE ... ADD COLUMNS, RENAME COLUMN and DROP COLUMNS on the table's stored columns. Each
 * needs MANAGE on the table (or its ownership), as Databricks has it. A column that the table's row
 * filter or a column mask names (the masked column itself, or one of its USING COLUMNS) is neither
 * renamed nor dropped: the filter or mask would name a column that no longer exists, and fail open
 * or closed by accident; drop or change the filter or mask first. Column tags stay with a renamed
 * column (they live in its entry) and go with a dropped one. The changed columns document moves the
 * policy version (V29's trigger), so engines load the new columns.
 */
@ApplicationScoped
class ColumnStatements {
  private final TableService tables;
  private final Authorizer authorizer;
  private final CallerContext caller;
  private final AuditTrail trail;

  ColumnStatements(TableService tables, Authorizer authorizer, CallerContext caller, AuditTrail trail) {
    this.tables = tables;
    this.authorizer = authorizer;
    this.caller = caller;
    this.trail = trail;
  }

  Result add(Session session, Statement.AddColumns a) {
    TableEntity table = managed(session, a.table());
    List<Map<String, Object>> columns = TableColumns.read(table);
    List<ColumnInfo> all = new ArrayList<>();
    int next = 0;
    for (Map<String, Object> c : columns) {
      ColumnInfo info = StoredJson.read(StoredJson.write(c), ColumnInfo.class);
      all.add(info);
      next = Math.max(next, info.position() == null ? 0 : info.position() + 1);
    }
    List<String> names = new ArrayList<>();
    for (ColumnDefinition d : a.columns()) {
      if (d.mask() != null) {
        throw GatehouseException.invalid("ADD COLUMNS takes no MASK; set it with ALTER COLUMN ... SET MASK once column '"
            + Validation.printable(d.name()) + "' exists.");
      }
      boolean decimal = d.type().typeName().name().equals("DECIMAL");
      all.add(new ColumnInfo(d.name(), d.type().text(), null, ColumnTypeName.valueOf(d.type().typeName().name()),
          decimal ? d.type().precision() : null, decimal ? d.type().scale() : null, null, next++, d.comment(),
          d.nullable(), null));
      names.add(d.name());
    }
    List<ColumnInfo> checked = tables.checkedColumns(all); // one name once, in any case; at most MAX_COLUMNS
    for (ColumnInfo added : checked.subList(columns.size(), checked.size())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = StoredJson.read(StoredJson.write(added), Map.class);
      columns.add(entry);
    }
    TableColumns.write(table, columns);
    return changed(table, "Added column" + (names.size() == 1 ? " " : "s ") + String.join(", ", names));
  }

  Result rename(Session session, Statement.RenameColumn r) {
    TableEntity table = managed(session, r.table());
    String column = TableColumns.existing(table, r.column());
    String newName = Validation.required("new column name", r.newName(), Validation.MAX_NAME_LENGTH);
    if (newName.chars().anyMatch(Character::isISOControl)) {
      throw GatehouseException.invalid("A column name must not contain control characters.");
    }
    List<Map<String, Object>> columns = TableColumns.read(table);
    for (Map<String, Object> c : columns) {
      String name = String.valueOf(c.get("name"));
      if (!name.equals(column) && name.equalsIgnoreCase(newName)) {
        throw new GatehouseException(ErrorCode.ALREADY_EXISTS,
            "Table '" + table.fullName() + "' has a column '" + Validation.printable(name) + "' already.");
      }
    }
    requireUnreferenced(table, columns, column, "renamed");
    for (Map<String, Object> c : columns) {
      if (column.equals(c.get("name"))) {
        c.put("name", newName);
        Object typeJson = c.get("type_json");
        if (typeJson instanceof String json && !json.isBlank()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> field = StoredJson.read(json, Map.class);
          if (field != null && field.containsKey("name")) {
            field.put("name", newName);
            c.put("type_json", StoredJson.write(field));
          }
        }
      }
    }
    TableColumns.write(table, columns);
    return changed(table, "Renamed column " + column + " to " + newName);
  }

  Result drop(Session session, Statement.DropColumns d) {
    TableEntity table = managed(session, d.table());
    List<Map<String, Object>> columns = TableColumns.read(table);
    List<String> dropped = new ArrayList<>();
    for (String given : d.columns()) {
      String column = columns.stream().map(c -> String.valueOf(c.get("name"))).filter(n -> n.equalsIgnoreCase(given))
          .findFirst().orElse(null);
      if (column == null) {
        if (d.ifExists()) {
          continue;
        }
        TableColumns.existing(table, given); // the 404 naming it
      }
      requireUnreferenced(table, columns, column, "dropped");
      Map<String, Object> entry = columns.stream().filter(c -> column.equals(c.get("name"))).findFirst().orElseThrow();
      if (entry.get("partition_index") != null) {
        throw GatehouseException.invalid("Column '" + column + "' partitions table '" + table.fullName()
            + "' and cannot be dropped.");
      }
      columns.remove(entry);
      dropped.add(column);
    }
    if (dropped.isEmpty()) {
      return Result.status("No column of " + table.fullName() + " was named; nothing was done.");
    }
    if (columns.isEmpty()) {
      throw GatehouseException.invalid("A table keeps at least one column; '" + table.fullName()
          + "' would have none.");
    }
    columns.sort(Comparator.comparingInt(c -> ((Number) c.getOrDefault("position", 0)).intValue()));
    for (int i = 0; i < columns.size(); i++) {
      columns.get(i).put("position", i);
    }
    TableColumns.write(table, columns);
    return changed(table, "Dropped column" + (dropped.size() == 1 ? " " : "s ") + String.join(", ", dropped));
  }

  /** The table, when the caller may manage it (MANAGE or ownership). */
  private TableEntity managed(Session session, io.gatehouse.server.sql.parse.QualifiedName name) {
    TableEntity table = tables.get(Session.dotted(session.object(name)));
    authorizer.require(Operation.ALTER_COLUMNS, Securables.of(table));
    if ("VIEW".equals(table.tableType)) {
      throw GatehouseException.invalid("'" + table.fullName() + "' is a view; its columns follow its query.");
    }
    return table;
  }

  /** Refuses to rename or drop a column that the row filter or a mask of the table names. */
  @SuppressWarnings("unchecked")
  private static void requireUnreferenced(TableEntity table, List<Map<String, Object>> columns, String column,
      String verb) {
    Map<String, Object> filter = table.rowFilter == null ? null : StoredJson.read(table.rowFilter, Map.class);
    if (filter != null && names(filter.get("input_column_names")).contains(column.toLowerCase(Locale.ROOT))) {
      throw GatehouseException.invalid("Column '" + column + "' is an argument of the row filter of '"
          + table.fullName() + "' and cannot be " + verb + "; drop or change the row filter first.");
    }
    for (Map<String, Object> c : columns) {
      if (!(c.get("mask") instanceof Map<?, ?> mask)) {
        continue;
      }
      String masked = String.valueOf(c.get("name"));
      if (masked.equalsIgnoreCase(column)) {
        throw GatehouseException.invalid("Column '" + column + "' of '" + table.fullName() + "' is masked and cannot be "
            + verb + "; drop its mask first.");
      }
      if (names(mask.get("using_column_names")).contains(column.toLowerCase(Locale.ROOT))) {
        throw GatehouseException.invalid("Column '" + column + "' is an argument of the mask of column '" + masked
            + "' of '" + table.fullName() + "' and cannot be " + verb + "; drop or change that mask first.");
      }
    }
  }

  private static List<String> names(Object list) {
    List<String> names = new ArrayList<>();
    if (list instanceof List<?> l) {
      l.forEach(n -> names.add(String.valueOf(n).toLowerCase(Locale.ROOT)));
    }
    return names;
  }

  private Result changed(TableEntity table, String done) {
    table.stampUpdated(caller.name());
    trail.succeeded(Operation.ALTER_COLUMNS.auditName(), Securables.of(table), done);
    return Result.status(done + " of table " + table.fullName() + ".");
  }
}
