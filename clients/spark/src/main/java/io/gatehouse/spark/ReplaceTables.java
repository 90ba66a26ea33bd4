package io.gatehouse.spark;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.StagedTable;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.V1Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.sources.InsertableRelation;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code REPLACE TABLE} and {@code CREATE OR REPLACE TABLE} (with or without {@code AS SELECT}) of
 * a Delta table of the catalog, as Databricks has them: the table keeps its identity in Gatehouse
 * (id, owner, grants, tags, and its row filter and masks, which must still find their columns) and
 * its Delta log gets Delta's own replace commit (history kept).
 *
 * <p>{@link #stage} loads the table for writing (READ_WRITE, MODIFY: without it nothing changes).
 * The commit first replaces Gatehouse's columns by one Gatehouse SQL script as the user (all or
 * nothing; MANAGE on the table or its ownership, which a first no-op statement checks even when no
 * column changes; a column the row filter or a mask names is neither dropped nor retyped, so such a
 * replace is refused with nothing changed), then commits the replace in the Delta log, writing the
 * query's rows for {@code AS SELECT} (the query read under the user's own filters and masks, as
 * any CTAS). Should Delta fail, Gatehouse's columns are replaced back and the error says so.
 */
final class ReplaceTables {
  private ReplaceTables() {}

  /** The reserved properties Spark passes with every CREATE/REPLACE; any other one is refused. */
  private static final Set<String> RESERVED = Set.of(TableCatalog.PROP_PROVIDER, TableCatalog.PROP_OWNER,
      TableCatalog.PROP_EXTERNAL, TableCatalog.PROP_IS_MANAGED_LOCATION);

  /** The replace of {@code target} (loaded for writing), checked for what is served. */
  static StagedTable stage(GatehouseCatalog catalog, Identifier ident, GatehouseTable target, Column[] columns,
      Transform[] partitions, Map<String, String> properties, boolean orCreate) {
    if (target.delta() == null) {
      throw new UnsupportedOperationException("REPLACE TABLE is served for DELTA tables; " + target.fullName() + " is "
          + target.properties().get("provider").toUpperCase(Locale.ROOT) + ". Nothing was changed.");
    }
    String provider = properties.getOrDefault(TableCatalog.PROP_PROVIDER, "delta").toLowerCase(Locale.ROOT);
    if (!provider.equals("delta")) {
      throw new UnsupportedOperationException("A Delta table is replaced USING delta, not " + provider
          + ". Nothing was changed.");
    }
    if (partitions.length > 0) {
      throw new UnsupportedOperationException("REPLACE TABLE ... PARTITIONED BY is not served. Nothing was changed.");
    }
    for (String key : properties.keySet()) {
      if (!RESERVED.contains(key) && !key.startsWith(TableCatalog.OPTION_PREFIX)) {
        throw new UnsupportedOperationException("REPLACE TABLE keeps the table's " + key + "; give no " + key
            + " (LOCATION, COMMENT, TBLPROPERTIES are not served). Nothing was changed.");
      }
    }
    if (columns.length == 0) {
      throw new UnsupportedOperationException("Give " + target.fullName() + " its new columns. Nothing was changed.");
    }
    return new Replace(catalog, ident, target, columns, orCreate);
  }

  /** A staged replace: nothing changes until {@link #commitStagedChanges()}. */
  static final class Replace implements StagedTable, SupportsWrite {
    private final GatehouseCatalog catalog;
    private final Identifier ident;
    private final GatehouseTable target;
    private final Column[] columns;
    private final boolean orCreate;
    private Dataset<Row> data;

    Replace(GatehouseCatalog catalog, Identifier ident, GatehouseTable target, Column[] columns, boolean orCreate) {
      this.catalog = catalog;
      this.ident = ident;
      this.target = target;
      this.columns = columns;
      this.orCreate = orCreate;
    }

    @Override
    public String name() {
      return target.fullName();
    }

    @Override
    public Column[] columns() {
      return columns;
    }

    @SuppressWarnings("deprecation")
    @Override
    public StructType schema() {
      return schemaOf(columns);
    }

    @Override
    public Map<String, String> properties() {
      return target.properties();
    }

    @Override
    public Set<TableCapability> capabilities() {
      return EnumSet.of(TableCapability.V1_BATCH_WRITE, TableCapability.TRUNCATE, TableCapability.BATCH_WRITE);
    }

    /** The rows of {@code AS SELECT}: kept for the commit, which writes them in Delta's replace commit. */
    @Override
    public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
      return new Builder();
    }

    private final class Builder implements WriteBuilder, SupportsTruncate {
      @Override
      public WriteBuilder truncate() {
        return this;
      }

      @Override
      public V1Write build() {
        return () -> (InsertableRelation) (rows, overwrite) -> data = rows;
      }
    }

    @Override
    public void commitStagedChanges() {
      StructType before = target.schema();
      StructType after = schemaOf(columns);
      try {
        catalog.runAs(ident, script(before, after));
      } catch (NoSuchTableException e) {
        throw new IllegalStateException(target.fullName() + " vanished before its replace", e);
      }
      ColumnChanges.deltaAfterGatehouse(catalog, ident,
          () -> DeltaTables.replace(SparkSession.active(), target.location(), target.options(), after, data, orCreate, false),
          script(after, before), "Delta refused the replace of " + target.fullName(),
          "Gatehouse's columns were replaced back",
          "Gatehouse keeps the new columns, ahead of the Delta log: run the REPLACE again");
    }

    @Override
    public void abortStagedChanges() {
      // Nothing changed before the commit.
    }

    /**
     * The Gatehouse SQL that makes the table's columns {@code after}: a column of the same name
     * (in any case) and type is kept (with its comment, mask and tags), one whose type changes is
     * renamed aside and dropped, and the others are added and dropped.
     */
    private List<String> script(StructType from, StructType to) {
      String table = GatehouseCatalog.quoted(catalog.config().catalog(), ident.namespace()[0], ident.name());
      List<String> sql = new ArrayList<>();
      // MANAGE (or ownership) is checked by this statement even when no column changes.
      sql.add("ALTER TABLE " + table + " DROP COLUMNS IF EXISTS (`__gatehouse_replace_check`)");
      List<String> drop = new ArrayList<>();
      List<String> add = new ArrayList<>();
      int aside = 0;
      for (StructField old : from.fields()) {
        StructField now = ColumnChanges.field(to, old.name());
        if (now == null) {
          drop.add(GatehouseCatalog.quoted(old.name()));
        } else if (!old.dataType().sameType(now.dataType())) {
          String temporary = "__gatehouse_replaced_" + aside++;
          sql.add("ALTER TABLE " + table + " RENAME COLUMN " + GatehouseCatalog.quoted(old.name()) + " TO "
              + GatehouseCatalog.quoted(temporary));
          drop.add(GatehouseCatalog.quoted(temporary));
        }
      }
      for (StructField now : to.fields()) {
        StructField old = ColumnChanges.field(from, now.name());
        if (old == null || !old.dataType().sameType(now.dataType())) {
          add.add(ColumnChanges.definition(now));
        }
      }
      if (!add.isEmpty()) {
        sql.add("ALTER TABLE " + table + " ADD COLUMNS (" + String.join(", ", add) + ")");
      }
      if (!drop.isEmpty()) {
        sql.add("ALTER TABLE " + table + " DROP COLUMNS (" + String.join(", ", drop) + ")");
      }
      return sql;
    }
  }

  static StructType schemaOf(Column[] columns) {
    List<StructField> fields = new ArrayList<>();
    for (Column c : columns) {
      StructField f = new StructField(c.name(), c.dataType(), c.nullable(), org.apache.spark.sql.types.Metadata.empty());
      fields.add(c.comment() == null ? f : f.withComment(c.comment()));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /**
   * CREATE TABLE ... AS SELECT (and CREATE OR REPLACE of a table that does not exist) once the
   * catalog stages creations: the table is created at once, as {@link TableCatalog#createTable}
   * always did; the write goes to it ({@code WriteTargets} puts the created table in place of this
   * one); an abort drops it, as Spark's non-staged CTAS did.
   */
  static final class Created implements StagedTable, SupportsWrite {
    private final GatehouseCatalog catalog;
    private final Identifier ident;
    private final GatehouseTable created;

    Created(GatehouseCatalog catalog, Identifier ident, GatehouseTable created) {
      this.catalog = catalog;
      this.ident = ident;
      this.created = created;
    }

    GatehouseTable created() {
      return created;
    }

    @Override
    public String name() {
      return created.name();
    }

    @Override
    public Column[] columns() {
      return created.columns();
    }

    @SuppressWarnings("deprecation")
    @Override
    public StructType schema() {
      return created.schema();
    }

    @Override
    public Transform[] partitioning() {
      return created.partitioning();
    }

    @Override
    public Map<String, String> properties() {
      return created.properties();
    }

    @Override
    public Set<TableCapability> capabilities() {
      return created.capabilities();
    }

    @Override
    public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
      return created.newWriteBuilder(info);
    }

    @Override
    public void commitStagedChanges() {
      // Created already.
    }

    @Override
    public void abortStagedChanges() {
      catalog.dropTable(ident);
    }
  }

  /** For {@link Table} users that need the created table of a staged creation. */
  static Table unstaged(Table table) {
    return table instanceof Created c ? c.created() : table;
  }
}
