package io.gatehouse.client.cli;

import io.gatehouse.client.model.ColumnInfo;
import io.gatehouse.client.model.CreateFunction;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Types as written on the command line, in SQL ({@code bigint}, {@code decimal(10,2)},
 * {@code array<string>}) or Unity Catalog's names ({@code LONG}): Unity Catalog's {@code type_name}
 * and Spark's {@code type_text}, as docs/sql.md tabulates them.
 */
final class TypeSpec {
  private static final Pattern DECIMAL = Pattern.compile("(?i)(decimal|dec|numeric)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");

  private TypeSpec() {}

  record Parsed(String typeName, String typeText, Integer precision, Integer scale) {
    CreateFunction.Type type() {
      return new CreateFunction.Type(typeName, typeText);
    }
  }

  static Parsed parse(String written) {
    String text = written.strip();
    if (text.isEmpty()) {
      throw new CliException("A type is required.");
    }
    Matcher decimal = DECIMAL.matcher(text);
    if (decimal.matches()) {
      int precision = decimal.group(2) == null ? 10 : Integer.parseInt(decimal.group(2));
      int scale = decimal.group(3) == null ? 0 : Integer.parseInt(decimal.group(3));
      return new Parsed("DECIMAL", "decimal(" + precision + "," + scale + ")", precision, scale);
    }
    int open = indexOfAny(text, "<(");
    String head = (open < 0 ? text : text.substring(0, open)).strip().toLowerCase(Locale.ROOT);
    String rest = open < 0 ? "" : text.substring(open).replaceAll("\\s+", "");
    String name = switch (head) {
      case "boolean" -> "BOOLEAN";
      case "tinyint", "byte" -> "BYTE";
      case "smallint", "short" -> "SHORT";
      case "int", "integer" -> "INT";
      case "bigint", "long" -> "LONG";
      case "float", "real" -> "FLOAT";
      case "double" -> "DOUBLE";
      case "date" -> "DATE";
      case "timestamp", "timestamp_ltz" -> "TIMESTAMP";
      case "timestamp_ntz" -> "TIMESTAMP_NTZ";
      case "string", "varchar" -> "STRING";
      case "char", "character" -> "CHAR";
      case "binary" -> "BINARY";
      case "array" -> "ARRAY";
      case "map" -> "MAP";
      case "struct" -> "STRUCT";
      case "variant" -> "VARIANT";
      case "void", "null" -> "NULL";
      default -> head.startsWith("interval") ? "INTERVAL" : null;
    };
    if (name == null) {
      throw new CliException("Unknown type '" + written + "'; write it as in SQL (bigint, string, decimal(10,2), array<string>, ...).");
    }
    String canonicalHead = switch (name) {
      case "BYTE" -> "tinyint";
      case "SHORT" -> "smallint";
      case "INT" -> "int";
      case "LONG" -> "bigint";
      case "FLOAT" -> "float";
      case "TIMESTAMP" -> "timestamp";
      case "CHAR" -> "char";
      case "NULL" -> "void";
      case "INTERVAL" -> head.replaceAll("\\s+", " ");
      default -> head;
    };
    return new Parsed(name, canonicalHead + rest, null, null);
  }

  /** {@code name:type}, as {@code --column} and {@code --param} take it. */
  static ColumnInfo column(String spec, int position) {
    int colon = spec.indexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new CliException("'" + spec + "' is not NAME:TYPE (e.g. id:bigint, amount:decimal(10,2)).");
    }
    Parsed t = parse(spec.substring(colon + 1));
    return new ColumnInfo(spec.substring(0, colon).strip(), t.typeText(), null, t.typeName(), t.precision(), t.scale(),
        null, position, null, null, null, null, null);
  }

  static CreateFunction.Parameter parameter(String spec) {
    ColumnInfo c = column(spec, 0);
    return new CreateFunction.Parameter(c.name(), new CreateFunction.Type(c.typeName(), c.typeText()));
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
