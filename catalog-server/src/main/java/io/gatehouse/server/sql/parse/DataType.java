package io.gatehouse.server.sql.parse;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A Spark/Databricks data type. {@link #text()} is its lower-case catalog string, as Unity
 * Catalog's type_text holds it ({@code decimal(10,2)}, {@code array<string>},
 * {@code struct<a:int,b:string>}); {@link #typeName()} is Unity Catalog's type_name.
 */
public sealed interface DataType {

  TypeName typeName();

  String text();

  /** The type as Databricks SQL, with struct field names backquoted where needed. */
  default String toSql() {
    return text();
  }

  /** Decimal precision; 0 for every other type. */
  default int precision() {
    return 0;
  }

  /** Decimal scale; 0 for every other type. */
  default int scale() {
    return 0;
  }

  /** A type without parameters: {@code int}, {@code string}, {@code timestamp_ntz}, {@code void}. */
  record PrimitiveType(TypeName typeName, String text) implements DataType {
  }

  record DecimalType(int precision, int scale) implements DataType {
    @Override
    public TypeName typeName() {
      return TypeName.DECIMAL;
    }

    @Override
    public String text() {
      return "decimal(" + precision + "," + scale + ")";
    }
  }

  /**
   * CHAR(n) or VARCHAR(n). Spark stores both as strings; a fixed-length CHAR keeps Unity
   * Catalog's CHAR type name, a VARCHAR is a STRING.
   */
  record CharType(boolean varying, int length) implements DataType {
    @Override
    public TypeName typeName() {
      return varying ? TypeName.STRING : TypeName.CHAR;
    }

    @Override
    public String text() {
      return (varying ? "varchar(" : "char(") + length + ")";
    }
  }

  /**
   * INTERVAL with its fields ({@code YEAR TO MONTH}, {@code DAY}), upper case; both null for a
   * bare INTERVAL, end null when the interval has a single field.
   */
  record IntervalType(String startField, String endField) implements DataType {
    @Override
    public TypeName typeName() {
      return TypeName.INTERVAL;
    }

    @Override
    public String text() {
      if (startField == null) {
        return "interval";
      }
      String text = "interval " + startField.toLowerCase(Locale.ROOT);
      return endField == null ? text : text + " to " + endField.toLowerCase(Locale.ROOT);
    }

    /** Unity Catalog's type_interval_type: {@code YEAR TO MONTH}, {@code DAY}; null for a bare INTERVAL. */
    public String qualifier() {
      return startField == null ? null : endField == null ? startField : startField + " TO " + endField;
    }
  }

  record ArrayType(DataType elementType) implements DataType {
    @Override
    public TypeName typeName() {
      return TypeName.ARRAY;
    }

    @Override
    public String text() {
      return "array<" + elementType.text() + ">";
    }

    @Override
    public String toSql() {
      return "array<" + elementType.toSql() + ">";
    }
  }

  record MapType(DataType keyType, DataType valueType) implements DataType {
    @Override
    public TypeName typeName() {
      return TypeName.MAP;
    }

    @Override
    public String text() {
      return "map<" + keyType.text() + "," + valueType.text() + ">";
    }

    @Override
    public String toSql() {
      return "map<" + keyType.toSql() + "," + valueType.toSql() + ">";
    }
  }

  record StructType(List<StructField> fields) implements DataType {
    public StructType {
      fields = List.copyOf(fields);
    }

    @Override
    public TypeName typeName() {
      return TypeName.STRUCT;
    }

    @Override
    public String text() {
      return fields.stream().map(field -> field.name() + ":" + field.type().text())
          .collect(Collectors.joining(",", "struct<", ">"));
    }

    @Override
    public String toSql() {
      return fields.stream().map(StructField::toSql).collect(Collectors.joining(", ", "struct<", ">"));
    }
  }

  /** A field of a STRUCT; comment is null when not given. */
  record StructField(String name, DataType type, boolean nullable, String comment) {
    String toSql() {
      String sql = QualifiedName.quoteIfNeeded(name) + ": " + type.toSql();
      if (!nullable) {
        sql += " NOT NULL";
      }
      return comment == null ? sql : sql + " COMMENT " + Expression.StringLiteral.quote(comment);
    }
  }
}
