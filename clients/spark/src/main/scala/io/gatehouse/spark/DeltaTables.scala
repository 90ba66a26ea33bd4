package io.gatehouse.spark

import java.sql.Timestamp

import scala.jdk.CollectionConverters._

import org.apache.hadoop.fs.Path
import org.apache.spark.sql.{Row, SaveMode, SparkSession}
import org.apache.spark.sql.connector.catalog.Table
import org.apache.spark.sql.catalyst.plans.logical.QualifiedColType
import org.apache.spark.sql.{DataFrame}
import org.apache.spark.sql.delta.{DeltaConfigs, DeltaLog, DeltaOperations, DeltaOptions, NoMapping}
import org.apache.spark.sql.delta.actions.Metadata
import org.apache.spark.sql.delta.catalog.{DeltaTableV2, GatehouseDeltaTable}
import org.apache.spark.sql.delta.commands.{AlterTableAddColumnsDeltaCommand, AlterTableChangeColumnDeltaCommand,
  AlterTableDropColumnsDeltaCommand, AlterTableSetPropertiesDeltaCommand, AlterTableUnsetPropertiesDeltaCommand,
  DeleteCommand, DeltaChangeColumnSpec, MergeIntoCommand, UpdateCommand, WriteIntoDelta}
import org.apache.spark.sql.execution.command.RunnableCommand
import org.apache.spark.sql.delta.sources.DeltaDataSource
import org.apache.spark.sql.types.{StructField, StructType}

/**
 * Delta Lake's own table ([[DeltaTableV2]]) over a governed table's location, with the per-table
 * options ([[TableOptions]]: all under `fs.`, which Delta hands on to its log and its file scans).
 * Kept apart so that the connector needs Delta on the class path only for Delta tables.
 */
object DeltaTables {

  /** Delta's table at `location`, at its latest version or the one `version` / `timestampMicros` names. */
  def table(
      spark: SparkSession,
      fullName: String,
      location: String,
      options: java.util.Map[String, String],
      lineage: java.util.Map[String, String],
      version: String,
      timestampMicros: java.lang.Long): Table = {
    val table = new GatehouseDeltaTable(spark, new Path(location), fullName, options.asScala.toMap, lineage)
    // As Delta's own catalog travels in time: through the table's time travel options.
    val travel = Option(version).map(v => DeltaDataSource.TIME_TRAVEL_VERSION_KEY -> v)
      .orElse(Option(timestampMicros).map(t =>
        DeltaDataSource.TIME_TRAVEL_TIMESTAMP_KEY -> new Timestamp(t / 1000).toString))
    travel.map(t => table.withOptions(Map(DeltaDataSource.TIME_TRAVEL_SOURCE_KEY -> "SQL", t))).getOrElse(table)
  }

  /**
   * Delta's table of `table` (loaded for writing) as the target of one row-level command, with the
   * command's one-time token among its options ([[RowLevelCommands]]).
   */
  def forCommand(spark: SparkSession, table: GatehouseTable, token: String): Table =
    new GatehouseDeltaTable(spark, new Path(table.location()), table.fullName(),
      table.options().asScala.toMap + (RowLevelCommands.TOKEN -> token), GatehouseTable.lineageProperties(table.location()))

  /** The options of the Delta log a DELETE, UPDATE or MERGE command of Delta's writes to. */
  def commandOptions(command: RunnableCommand): Option[Map[String, String]] = command match {
    case d: DeleteCommand => Some(d.deltaLog.options)
    case u: UpdateCommand => Some(u.tahoeFileIndex.deltaLog.options)
    case m: MergeIntoCommand => Some(m.targetFileIndex.deltaLog.options)
    case _ => None
  }

  /** The location of Delta's table (its path without any `@v` suffix of time travel by path). */
  def path(table: Table): Option[String] = table match {
    case d: DeltaTableV2 => Some(d.path.toString)
    case _ => None
  }

  /** Whether `location` holds a Delta table already (a `_delta_log` with a commit). */
  def exists(spark: SparkSession, fullName: String, location: String, options: java.util.Map[String, String]): Boolean =
    at(spark, fullName, location, options).tableExists

  /** Delta's own table at `location`, read and written with the table's options. */
  private def at(spark: SparkSession, fullName: String, location: String, options: java.util.Map[String, String]) =
    DeltaTableV2(spark, new Path(location), tableIdentifier = Some(fullName), options = options.asScala.toMap)

  /** Commits an empty Delta table with `schema` at `location`: version 0 of its log. */
  def create(
      spark: SparkSession,
      location: String,
      schema: StructType,
      partitionColumns: java.util.List[String],
      options: java.util.Map[String, String]): Unit = {
    spark.createDataFrame(java.util.List.of[Row](), schema).write.format("delta")
      .options(options.asScala.toMap)
      .partitionBy(partitionColumns.asScala.toSeq: _*)
      .mode(SaveMode.ErrorIfExists)
      .save(location)
  }

  /** Delta's own rules for `delta.*` table properties: an unknown key or a bad value throws. */
  def validate(properties: java.util.Map[String, String]): Unit =
    DeltaConfigs.validateConfigurations(properties.asScala.toMap)

  /**
   * Sets and unsets Delta's own table properties (`delta.*`) in the log at `location`, by Delta's
   * own ALTER TABLE commands (which upgrade the table's protocol where a property needs it).
   */
  def changeProperties(
      spark: SparkSession,
      fullName: String,
      location: String,
      options: java.util.Map[String, String],
      set: java.util.Map[String, String],
      unset: java.util.List[String]): Unit = {
    val table = at(spark, fullName, location, options)
    if (!set.isEmpty) {
      AlterTableSetPropertiesDeltaCommand(table, set.asScala.toMap).run(spark)
    }
    if (!unset.isEmpty) {
      AlterTableUnsetPropertiesDeltaCommand(table, unset.asScala.toSeq, ifExists = true).run(spark)
    }
  }

  /** Whether Delta's table at `location` maps its columns by name or id: Delta renames and drops columns only then. */
  def mapsColumns(spark: SparkSession, fullName: String, location: String, options: java.util.Map[String, String]): Boolean =
    at(spark, fullName, location, options).initialSnapshot.metadata.columnMappingMode != NoMapping

  /** Adds `columns` after the table's columns, by Delta's own ALTER TABLE ADD COLUMNS command. */
  def addColumns(spark: SparkSession, fullName: String, location: String, options: java.util.Map[String, String],
      columns: java.util.List[StructField]): Unit = {
    val specs = columns.asScala.toSeq.map(f => QualifiedColType(None, f.name, f.dataType, f.nullable, f.getComment(), None,
      None))
    AlterTableAddColumnsDeltaCommand(at(spark, fullName, location, options), specs).run(spark)
  }

  /** Renames a top-level column, by Delta's own ALTER TABLE ... RENAME COLUMN (needs column mapping). */
  def renameColumn(spark: SparkSession, fullName: String, location: String, options: java.util.Map[String, String],
      from: String, to: String): Unit = {
    val table = at(spark, fullName, location, options)
    val field = table.initialSnapshot.schema.fields.find(_.name.equalsIgnoreCase(from))
      .getOrElse(throw new IllegalArgumentException(s"The Delta log of $fullName has no column $from"))
    AlterTableChangeColumnDeltaCommand(table,
      Seq(DeltaChangeColumnSpec(Nil, field.name, field.copy(name = to), None, syncIdentity = false))).run(spark)
  }

  /** Drops top-level columns, by Delta's own ALTER TABLE ... DROP COLUMNS (needs column mapping). */
  def dropColumns(spark: SparkSession, fullName: String, location: String, options: java.util.Map[String, String],
      columns: java.util.List[String]): Unit =
    AlterTableDropColumnsDeltaCommand(at(spark, fullName, location, options), columns.asScala.toSeq.map(Seq(_)))
      .run(spark)

  /**
   * Delta's own replace commit at `location`, in one transaction of the table's log: the new
   * `schema` (unpartitioned) with the log's table id and configuration kept, every file removed, and,
   * for `REPLACE ... AS SELECT`, `data` written; the operation is Delta's `ReplaceTable` (`REPLACE
   * TABLE`, `CREATE OR REPLACE TABLE`, with `AS SELECT`), so the history keeps the older versions.
   */
  def replace(
      spark: SparkSession,
      location: String,
      options: java.util.Map[String, String],
      schema: StructType,
      data: DataFrame,
      orCreate: Boolean,
      managed: Boolean): Unit = {
    val log = DeltaLog.forTable(spark, new Path(location), options.asScala.toMap)
    val txn = log.startTransaction()
    val old = txn.snapshot.metadata
    val metadata = Metadata(id = old.id, description = old.description, schemaString = schema.json,
      partitionColumns = Nil, configuration = old.configuration, createdTime = Some(System.currentTimeMillis()))
    txn.updateMetadataForNewTableInReplace(metadata)
    val actions = if (data == null) {
      txn.filterFiles().map(_.remove)
    } else {
      WriteIntoDelta(log, SaveMode.Overwrite, new DeltaOptions(Map.empty[String, String], spark.sessionState.conf), Nil,
        old.configuration, data, None).write(txn, spark, None, true)
    }
    txn.commit(actions, DeltaOperations.ReplaceTable(txn.metadata, managed, orCreate, data != null, None, None))
  }
}
