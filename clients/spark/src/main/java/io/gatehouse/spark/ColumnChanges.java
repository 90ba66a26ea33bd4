package io.gatehouse.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ALTER TABLE ... ADD COLUMNS}, {@code RENAME COLUMN} and {@code DROP COLUMN} of top-level
 * columns, applied to Gatehouse's stored columns (Gatehouse SQL, which needs MANAGE or ownership and
 * refuses to rename or drop a column the row filter or a mask names) and, for a Delta table, to its
 * log by Delta's own commands, with the table's read-write credentials (MODIFY).
 *
 * <p>The order leaves neither side changed alone without saying so: the table is loaded for writing
 * first (no MODIFY, nothing changes); a rename or drop on a Delta table without column mapping is
 * refused before anything changes (Delta renames and drops columns only with
 * {@code delta.columnMapping.mode} {@code name} or {@code id}); then Gatehouse stores the change
 * (its refusal changes nothing); then Delta commits it. Should Delta fail after that, the change is
 * undone in Gatehouse (a dropped column comes back last, with its type and comment) and the error
 * says so; should the undo fail too, the error says that Gatehouse is ahead of the log.
 */
final class ColumnChanges {
  private final String table;
  private final List<StructField> added = new ArrayList<>();
  private final List<String[]> renamed = new ArrayList<>();
  private final List<String> dropped = new ArrayList<>();
  private boolean ifExists;

  /** @param table the table's name as Gatehouse SQL reads it */
  ColumnChanges(String table) {
    this.table = table;
  }

  /** Takes a column change this class serves; false for any other change. */
  boolean take(TableChange change) {
    if (change instanceof TableChange.AddColumn add && add.fieldNames().length == 1) {
      if (add.position() != null || add.defaultValue() != null) {
        throw new UnsupportedOperationException("ADD COLUMNS through Spark appends columns without FIRST, AFTER or"
            + " DEFAULT");
      }
      StructField field = new StructField(add.fieldNames()[0], add.dataType(), add.isNullable(), Metadata.empty());
      added.add(add.comment() == null ? field : field.withComment(add.comment()));
      return true;
    }
    if (change instanceof TableChange.RenameColumn rename && rename.fieldNames().length == 1) {
      renamed.add(new String[] {rename.fieldNames()[0], rename.newName()});
      return true;
    }
    if (change instanceof TableChange.DeleteColumn delete && delete.fieldNames().length == 1) {
      dropped.add(delete.fieldNames()[0]);
      ifExists |= Boolean.TRUE.equals(delete.ifExists());
      return true;
    }
    return false;
  }

  boolean isEmpty() {
    return added.isEmpty() && renamed.isEmpty() && dropped.isEmpty();
  }

  void apply(GatehouseCatalog catalog, Identifier ident) throws NoSuchTableException {
    GatehouseTable target = catalog.loadForWriting(ident);
    SparkSession spark = SparkSession.active();
    boolean delta = target.delta() != null;
    if ("iceberg".equals(target.properties().get("provider"))) {
      throw new UnsupportedOperationException("The columns of Iceberg table " + target.fullName() + " follow its Iceberg"
          + " schema; change them through the Iceberg REST catalog");
    }
    List<String> present = new ArrayList<>();
    for (String name : dropped) {
      if (field(target.schema(), name) != null) {
        present.add(name);
      }
    }
    if (delta && (!renamed.isEmpty() || !present.isEmpty())
        && !DeltaTables.mapsColumns(spark, target.fullName(), target.location(), target.options())) {
      throw new UnsupportedOperationException("Delta renames and drops columns of " + target.fullName()
          + " only with column mapping: ALTER TABLE ... SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')"
          + " first. Nothing was changed.");
    }
    catalog.runAs(ident, statements(forward()));
    if (!delta) {
      return;
    }
    deltaAfterGatehouse(catalog, ident, () -> {
      if (!added.isEmpty()) {
        DeltaTables.addColumns(spark, target.fullName(), target.location(), target.options(), added);
      }
      for (String[] r : renamed) {
        DeltaTables.renameColumn(spark, target.fullName(), target.location(), target.options(), r[0], r[1]);
      }
      if (!present.isEmpty()) {
        DeltaTables.dropColumns(spark, target.fullName(), target.location(), target.options(), present);
      }
    }, statements(backward(target, present)), "Delta refused the column change of " + target.fullName(),
        "the change was undone in Gatehouse", "Gatehouse keeps the change, ahead of the Delta log: run the ALTER again");
  }

  /**
   * Runs {@code delta}, the Delta half of a change whose Gatehouse half is stored already; should it
   * fail, runs {@code undo} in Gatehouse and fails with {@code refused}, saying which of {@code undone}
   * (the undo ran) and {@code kept} (it failed too) holds.
   */
  static void deltaAfterGatehouse(GatehouseCatalog catalog, Identifier ident, Runnable delta, List<String> undo,
      String refused, String undone, String kept) {
    try {
      delta.run();
    } catch (RuntimeException e) {
      String state;
      try {
        catalog.runAs(ident, undo);
        state = undone;
      } catch (RuntimeException | NoSuchTableException failed) {
        e.addSuppressed(failed);
        state = kept;
      }
      throw new IllegalStateException(refused + " (" + state + "): " + e.getMessage(), e);
    }
  }

  /** The field of {@code schema} named {@code name} in any case, or null. */
  static StructField field(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  /** The Gatehouse SQL of the change. */
  private List<String> forward() {
    List<String> sql = new ArrayList<>();
    if (!added.isEmpty()) {
      sql.add("ADD COLUMNS (" + String.join(", ", added.stream().map(ColumnChanges::definition).toList()) + ")");
    }
    for (String[] r : renamed) {
      sql.add("RENAME COLUMN " + GatehouseCatalog.quoted(r[0]) + " TO " + GatehouseCatalog.quoted(r[1]));
    }
    if (!dropped.isEmpty()) {
      sql.add("DROP COLUMNS " + (ifExists ? "IF EXISTS " : "") + "("
          + String.join(", ", dropped.stream().map(GatehouseCatalog::quoted).toList()) + ")");
    }
    return sql;
  }

  /** The Gatehouse SQL that undoes {@link #forward()}: in reverse order. */
  private List<String> backward(GatehouseTable before, List<String> present) {
    List<String> sql = new ArrayList<>();
    if (!present.isEmpty()) {
      List<String> definitions = new ArrayList<>();
      for (String name : present) {
        definitions.add(definition(field(before.schema(), name)));
      }
      sql.add("ADD COLUMNS (" + String.join(", ", definitions) + ")");
    }
    for (int i = renamed.size() - 1; i >= 0; i--) {
      sql.add("RENAME COLUMN " + GatehouseCatalog.quoted(renamed.get(i)[1]) + " TO "
          + GatehouseCatalog.quoted(renamed.get(i)[0]));
    }
    if (!added.isEmpty()) {
      sql.add("DROP COLUMNS (" + String.join(", ", added.stream().map(f -> GatehouseCatalog.quoted(f.name())).toList())
          + ")");
    }
    return sql;
  }

  private List<String> statements(List<String> actions) {
    return actions.stream().map(a -> "ALTER TABLE " + table + " " + a).toList();
  }

  /** A column definition of Gatehouse SQL: name, type, NOT NULL, comment. */
  static String definition(StructField f) {
    return GatehouseCatalog.quoted(f.name()) + " " + f.dataType().sql() + (f.nullable() ? "" : " NOT NULL")
        + (f.getComment().isDefined() ? " COMMENT " + GatehouseCatalog.literal(f.getComment().get()) : "");
  }
}
