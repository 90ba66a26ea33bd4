package org.apache.spark.sql.delta.catalog

import java.{util => ju}

import org.apache.hadoop.fs.Path
import org.apache.spark.sql.SparkSession

/**
 * Delta's table of a Gatehouse table, naming its dataset for OpenLineage as the connector's other
 * tables do (the `openlineage.dataset.*` properties): the target of a write into a Delta table is
 * this table in the plan, and OpenLineage names a table's dataset by these properties only. In
 * Delta's package for Delta's constructor; everything else is Delta's own.
 */
class GatehouseDeltaTable(
    spark: SparkSession,
    path: Path,
    fullName: String,
    options: Map[String, String],
    lineage: ju.Map[String, String])
  extends DeltaTableV2(spark, path, None, Some(fullName), None, options) {

  override def properties(): ju.Map[String, String] = {
    val properties = super.properties()
    properties.putAll(lineage)
    properties
  }
}
