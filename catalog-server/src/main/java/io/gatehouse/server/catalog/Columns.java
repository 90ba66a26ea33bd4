package io.gatehouse.server.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.catalog.TableApi.ColumnInfo;
import io.gatehouse.server.catalog.TableApi.ColumnTypeName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a table's column list and completes what clients may leave out: position from order,
 * nullable as true, and for simple types the type_text and Spark type_json that engines read.
 */
final class Columns {
  static final int MAX_COLUMNS = 4096;
  static final int MAX_TYPE_TEXT = 65_536;
  static final int MAX_TYPE_JSON = 1_048_576;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Columns() {}

  static List<ColumnInfo> normalize(List<ColumnInfo> columns, boolean required) {
    if (columns == null) {
      if (required) {
        throw GatehouseException.invalid("Field 'columns' is required.");
      }
      return List.of();
    }
    if (columns.size() > MAX_COLUMNS) {
      throw GatehouseException.invalid("A table may have at most " + MAX_COLUMNS + " columns.");
    }
    List<ColumnInfo> result = new ArrayList<>(columns.size());
    Set<String> names = new HashSet<>();
    Set<Integer> positions = new HashSet<>();
    Set<Integer> partitions = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnInfo c = columns.get(i);
      String field = "columns[" + i + "]";
      if (c == null) {
        throw GatehouseException.invalid("Field '" + field + "' must be an object.");
      }
      String name = Validation.required(field + ".name", c.name(), Validation.MAX_NAME_LENGTH);
      if (name.chars().anyMatch(Character::isISOControl)) {
        throw GatehouseException.invalid("Field '" + field + ".name' must not contain control characters.");
      }
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw GatehouseException.invalid("Column '" + Validation.printable(name) + "' appears more than once.");
      }
      ColumnTypeName type = Validation.required(field + ".type_name", c.typeName());
      int position = c.position() == null ? i : c.position();
      if (position < 0 || !positions.add(position)) {
        throw GatehouseException.invalid(
            "Field '" + field + ".position' must be a non-negative position not used by another column.");
      }
      if (c.partitionIndex() != null && (c.partitionIndex() < 0 || !partitions.add(c.partitionIndex()))) {
        throw GatehouseException.invalid(
            "Field '" + field + ".partition_index' must be a non-negative index not used by another column.");
      }
      checkPrecision(field, type, c.typePrecision(), c.typeScale());
      boolean nullable = c.nullable() == null || c.nullable();
      String typeText = Validation.text(field + ".type_text", c.typeText(), MAX_TYPE_TEXT);
      if (typeText == null || typeText.isBlank()) {
        typeText = defaultTypeText(field, type, c.typePrecision(), c.typeScale());
      }
      String typeJson = Validation.text(field + ".type_json", c.typeJson(), MAX_TYPE_JSON);
      if (typeJson == null || typeJson.isBlank()) {
        typeJson = sparkField(name, typeText, nullable);
      } else {
        checkJson(field + ".type_json", typeJson);
      }
      result.add(
          new ColumnInfo(
              name,
              typeText,
              typeJson,
              type,
              c.typePrecision(),
              c.typeScale(),
              Validation.text(field + ".type_interval_type", c.typeIntervalType(), 64),
              position,
              Validation.comment(field + ".comment", c.comment()),
              nullable,
              c.partitionIndex()));
    }
    return result;
  }

  private static void checkPrecision(String field, ColumnTypeName type, Integer precision, Integer scale) {
    if (precision != null && (precision < 0 || precision > 38 && type == ColumnTypeName.DECIMAL)) {
      throw GatehouseException.invalid("Field '" + field + ".type_precision' must be between 0 and 38.");
    }
    if (scale != null && (scale < 0 || precision != null && scale > precision)) {
      throw GatehouseException.invalid(
          "Field '" + field + ".type_scale' must be between 0 and type_precision.");
    }
  }

  private static String defaultTypeText(String field, ColumnTypeName type, Integer precision, Integer scale) {
    return switch (type) {
      case BOOLEAN -> "boolean";
      case BYTE -> "tinyint";
      case SHORT -> "smallint";
      case INT -> "int";
      case LONG -> "bigint";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case DATE -> "date";
      case TIMESTAMP -> "timestamp";
      case TIMESTAMP_NTZ -> "timestamp_ntz";
      case STRING -> "string";
      case BINARY -> "binary";
      case VARIANT -> "variant";
      case NULL -> "void";
      case DECIMAL -> "decimal(" + (precision == null ? 10 : precision) + "," + (scale == null ? 0 : scale) + ")";
      default -> throw GatehouseException.invalid(
          "Field '" + field + ".type_text' is required for type " + type + ".");
    };
  }

  /** Spark's StructField JSON for a simple type, the form Delta and Spark clients expect. */
  private static String sparkField(String name, String typeText, boolean nullable) {
    String sparkType = switch (typeText) {
      case "int" -> "integer";
      case "bigint" -> "long";
      case "smallint" -> "short";
      case "tinyint" -> "byte";
      case "timestamp_ntz" -> "timestamp_ntz";
      case "void" -> "void";
      default -> typeText;
    };
    try {
      return JSON.writeValueAsString(
          java.util.Map.of("name", name, "type", sparkType, "nullable", nullable, "metadata", java.util.Map.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void checkJson(String field, String json) {
    try {
      JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw GatehouseException.invalid("Field '" + field + "' must be a JSON document.");
    }
  }
}
