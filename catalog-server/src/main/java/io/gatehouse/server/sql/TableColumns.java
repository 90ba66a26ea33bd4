package io.gatehouse.server.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A table's columns document, kept in wire form: SQL changes a column's comment, mask and tags
 * inside it, so that table info shows them as Databricks' ColumnInfo does.
 */
final class TableColumns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TableColumns() {}

  static List<Map<String, Object>> read(TableEntity table) {
    try {
      return JSON.readValue(table.columns, new TypeReference<List<Map<String, Object>>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored columns are not a JSON list", e);
    }
  }

  /** The column's name as the table has it, or a 404 naming the column and the table. */
  static String existing(TableEntity table, String column) {
    for (Map<String, Object> c : read(table)) {
      if (String.valueOf(c.get("name")).equalsIgnoreCase(column)) {
        return String.valueOf(c.get("name"));
      }
    }
    throw GatehouseException.notFound(
        "Table '" + table.fullName() + "' has no column '" + Validation.printable(column) + "'.");
  }

  /** Stores {@code columns} as the table's columns document. */
  static void write(TableEntity table, List<Map<String, Object>> columns) {
    try {
      table.columns = JSON.writeValueAsString(columns);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Changes one column in place and stores the document. */
  static void edit(TableEntity table, String column, Consumer<Map<String, Object>> change) {
    List<Map<String, Object>> columns = read(table);
    String name = existing(table, column);
    for (Map<String, Object> c : columns) {
      if (name.equals(c.get("name"))) {
        Map<String, Object> copy = new LinkedHashMap<>(c);
        change.accept(copy);
        c.clear();
        c.putAll(copy);
      }
    }
    write(table, columns);
  }
}
