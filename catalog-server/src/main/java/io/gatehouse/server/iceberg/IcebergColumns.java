package io.gatehouse.server.iceberg;

import io.gatehouse.server.catalog.TableApi.ColumnInfo;
import io.gatehouse.server.catalog.TableApi.ColumnTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * An Iceberg schema as the Unity Catalog API's column list: the table's columns follow its
 * current Iceberg schema, so both APIs show the same table. Types are written as Spark SQL names
 * (timestamptz is Spark's timestamp, timestamp its timestamp_ntz); time and uuid, which Spark
 * lacks, as bigint and string, as Spark reads them.
 */
final class IcebergColumns {
  private IcebergColumns() {}

  static List<ColumnInfo> of(Schema schema, PartitionSpec spec) {
    List<ColumnInfo> columns = new ArrayList<>();
    List<Types.NestedField> fields = schema.columns();
    for (int i = 0; i < fields.size(); i++) {
      Types.NestedField field = fields.get(i);
      Integer partitionIndex = null;
      if (spec != null) {
        List<PartitionField> parts = spec.fields();
        for (int p = 0; p < parts.size(); p++) {
          if (parts.get(p).sourceId() == field.fieldId() && parts.get(p).transform().isIdentity()) {
            partitionIndex = p;
          }
        }
      }
      Type type = field.type();
      Integer precision = type instanceof Types.DecimalType d ? d.precision() : null;
      Integer scale = type instanceof Types.DecimalType d ? d.scale() : null;
      columns.add(new ColumnInfo(field.name(), typeText(type), null, typeName(type), precision, scale, null, i,
          field.doc(), field.isOptional(), partitionIndex));
    }
    return columns;
  }

  /**
   * Each top-level column of {@code written}'s schema that {@code base}'s schema already had (the
   * same field id), by its new name: its name in {@code base}. A column not listed is new.
   */
  static java.util.Map<String, String> formerNames(TableMetadata base, TableMetadata written) {
    java.util.Map<String, String> former = new java.util.HashMap<>();
    for (Types.NestedField field : written.schema().columns()) {
      Types.NestedField old = base.schema().findField(field.fieldId());
      if (old != null && base.schema().columns().contains(old)) {
        former.put(field.name(), old.name());
      }
    }
    return former;
  }

  private static ColumnTypeName typeName(Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> ColumnTypeName.BOOLEAN;
      case INTEGER -> ColumnTypeName.INT;
      case LONG, TIME -> ColumnTypeName.LONG;
      case FLOAT -> ColumnTypeName.FLOAT;
      case DOUBLE -> ColumnTypeName.DOUBLE;
      case DATE -> ColumnTypeName.DATE;
      case TIMESTAMP, TIMESTAMP_NANO -> ((Types.TimestampType) asTimestamp(type)).shouldAdjustToUTC()
          ? ColumnTypeName.TIMESTAMP : ColumnTypeName.TIMESTAMP_NTZ;
      case STRING, UUID -> ColumnTypeName.STRING;
      case FIXED, BINARY -> ColumnTypeName.BINARY;
      case DECIMAL -> ColumnTypeName.DECIMAL;
      case STRUCT -> ColumnTypeName.STRUCT;
      case LIST -> ColumnTypeName.ARRAY;
      case MAP -> ColumnTypeName.MAP;
      case VARIANT -> ColumnTypeName.VARIANT;
      default -> ColumnTypeName.USER_DEFINED_TYPE;
    };
  }

  private static Type asTimestamp(Type type) {
    if (type instanceof Types.TimestampNanoType nano) {
      return nano.shouldAdjustToUTC() ? Types.TimestampType.withZone() : Types.TimestampType.withoutZone();
    }
    return type;
  }

  static String typeText(Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> "boolean";
      case INTEGER -> "int";
      case LONG, TIME -> "bigint";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case DATE -> "date";
      case TIMESTAMP, TIMESTAMP_NANO -> ((Types.TimestampType) asTimestamp(type)).shouldAdjustToUTC()
          ? "timestamp" : "timestamp_ntz";
      case STRING, UUID -> "string";
      case FIXED, BINARY -> "binary";
      case DECIMAL -> "decimal(" + ((Types.DecimalType) type).precision() + "," + ((Types.DecimalType) type).scale() + ")";
      case STRUCT -> "struct<" + type.asStructType().fields().stream()
          .map(f -> f.name() + ":" + typeText(f.type())).collect(Collectors.joining(",")) + ">";
      case LIST -> "array<" + typeText(type.asListType().elementType()) + ">";
      case MAP -> "map<" + typeText(type.asMapType().keyType()) + "," + typeText(type.asMapType().valueType()) + ">";
      case VARIANT -> "variant";
      default -> type.toString();
    };
  }
}
