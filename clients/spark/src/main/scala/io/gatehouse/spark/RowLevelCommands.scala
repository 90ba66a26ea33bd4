package io.gatehouse.spark

import java.util.UUID
import java.util.concurrent.ConcurrentHashMap

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.catalyst.analysis.ResolvedTable
import org.apache.spark.sql.catalyst.expressions.Attribute
import org.apache.spark.sql.catalyst.plans.logical.{DeleteFromTable, LogicalPlan, MergeIntoTable, UpdateTable}
import org.apache.spark.sql.catalyst.rules.Rule
import org.apache.spark.sql.connector.catalog.{TableCatalog, TableWritePrivilege}
import org.apache.spark.sql.execution.{SparkPlan, SparkStrategy}
import org.apache.spark.sql.execution.command.{ExecutedCommandExec, LeafRunnableCommand, RunnableCommand}
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation
import org.apache.spark.sql.execution.metric.SQLMetric
import org.apache.spark.sql.Row

/**
 * `DELETE`, `UPDATE` and `MERGE INTO` on a governed Delta table, run by Delta's own commands on
 * Delta's table loaded for writing, and `DESCRIBE HISTORY` by Delta's own command on Delta's table.
 *
 * The statement needs SELECT (the read of its condition: a reader's load) and MODIFY (the load
 * for writing, READ_WRITE). It is refused to a reader whom a row filter or a column mask of the
 * target applies to: such a reader would otherwise delete or change rows the filter hides, or read
 * masked values through the statement's conditions and assignments (`UPDATE t SET name = email`,
 * a MERGE joined on a masked column), and Delta's commands read the target's raw rows. A MERGE's
 * source is read as any query is, under its own filter and masks.
 *
 * Delta's commands read the target's files by plans of their own while they run; the extension's
 * check refuses plans reading a governed table's files, except these: the target is Delta's table
 * with a one-time token in its options ([[RowLevelCommands.TOKEN]]), issued here, and only while
 * the command carrying it runs on this thread ([[RowLevelCommands.Run]]) are relations with that
 * token let through.
 */
case class RowLevelTargets(spark: SparkSession) extends Rule[LogicalPlan] {
  private val DescribeHistoryClass = "org.apache.spark.sql.delta.commands.DescribeDeltaHistory"

  override def apply(plan: LogicalPlan): LogicalPlan = plan.transformDown {
    case d: DeleteFromTable if isGovernedTarget(d.table) => d.copy(table = target(d.table, "DELETE"))
    case u: UpdateTable if isGovernedTarget(u.table) => u.copy(table = target(u.table, "UPDATE"))
    case m: MergeIntoTable if isGovernedTarget(m.targetTable) => m.copy(targetTable = target(m.targetTable, "MERGE"))
    case h if h.getClass.getName == DescribeHistoryClass => h.children match {
      case Seq(r @ ResolvedTable(_, _, g: GatehouseTable, _)) =>
        h.withNewChildren(Seq(r.copy(table = readable(g, "DESCRIBE HISTORY"))))
      case _ => h
    }
  }

  /** Whether the statement's target reads a governed table (directly, under an alias, or in a view). */
  private def isGovernedTarget(target: LogicalPlan): Boolean = target.exists {
    case r: DataSourceV2Relation => GovernedRelation.isGoverned(r)
    case _: GovernedRelation => true
    case _ => false
  }

  /** The target as Delta's table loaded for writing, for a reader no filter or mask restricts. */
  private def target(plan: LogicalPlan, statement: String): LogicalPlan = {
    if (plan.exists(_.isInstanceOf[GovernedRelation])) {
      throw new GatehouseAccessException(s"Refused: $statement through a view or a governed query; name the table itself")
    }
    plan.transformDown {
      case r: DataSourceV2Relation if GovernedRelation.isGoverned(r) =>
        val g = r.table.asInstanceOf[GatehouseTable]
        val catalog = r.catalog match {
          case Some(c: TableCatalog) => c
          case _ => throw new GatehouseAccessException(s"Refused: ${g.fullName()} was loaded by no catalog")
        }
        val ident = r.identifier.getOrElse(throw new GatehouseAccessException(s"Refused: ${g.fullName()} has no name"))
        // SELECT: the reader's own load, and the policy in force for the reader now.
        readable(catalog.loadTable(ident).asInstanceOf[GatehouseTable], statement)
        val writable = if (g.writable()) g else catalog.loadTable(ident, java.util.Set.of(TableWritePrivilege.UPDATE))
          .asInstanceOf[GatehouseTable]
        unrestricted(writable, statement)
        r.copy(table = DeltaTables.forCommand(spark, writable, RowLevelCommands.issue()),
          options = GatehouseTable.withoutOverrides(r.options))
    }
  }

  /** Delta's table of `g`, when no filter or mask of the table applies to its reader. */
  private def readable(g: GatehouseTable, statement: String) = {
    unrestricted(g, statement)
    g.delta()
  }

  private def unrestricted(g: GatehouseTable, statement: String): Unit = {
    if (g.delta() == null) {
      throw new UnsupportedOperationException(s"$statement is served for Delta tables through this catalog, and " +
        s"${g.fullName()} is not one")
    }
    if (g.policy().restricts()) {
      throw new GatehouseAccessException(s"Refused: $statement on ${g.fullName()}, whose row filter or column masks " +
        "apply to you (they would let the statement change rows you cannot see or read values masked for you)")
    }
  }
}

/** The one-time tokens of the row-level commands this JVM has planned, and the one running on each thread. */
object RowLevelCommands {
  /** Under `fs.`: Delta hands it on to the relations of its log and its files. */
  val TOKEN: String = TableOptions.PREFIX + "command"
  private val issued = ConcurrentHashMap.newKeySet[String]()
  private val running = new ThreadLocal[String]

  def issue(): String = {
    val token = UUID.randomUUID().toString
    issued.add(token)
    token
  }

  /** Whether a relation with `options` is read by the row-level command running on this thread, for its target. */
  def sanctioned(options: Map[String, String]): Boolean =
    Option(running.get()).exists(token => options.get(TOKEN).contains(token))

  /** The token of a Delta row-level command planned by [[RowLevelTargets]], if `command` is one. */
  def tokenOf(command: RunnableCommand): Option[String] =
    if (command.getClass.getName.startsWith("org.apache.spark.sql.delta.commands.")) {
      DeltaTables.commandOptions(command).flatMap(_.get(TOKEN))
    } else {
      None
    }

  /** Runs Delta's command with its token in force on this thread; a token runs once. */
  case class Run(command: RunnableCommand, token: String) extends LeafRunnableCommand {
    override def output: Seq[Attribute] = command.output
    override lazy val metrics: Map[String, SQLMetric] = command.metrics

    override def run(spark: SparkSession): Seq[Row] = {
      if (!issued.remove(token)) {
        throw new GatehouseAccessException("Refused: this row-level command was not planned by the Gatehouse catalog, " +
          "or it ran already")
      }
      val before = running.get()
      running.set(token)
      try command.run(spark) finally running.set(before)
    }
  }

  /** Plans Delta's row-level commands of governed tables as [[Run]]; any other with a token is refused. */
  object Strategy extends SparkStrategy {
    override def apply(plan: LogicalPlan): Seq[SparkPlan] = plan match {
      case c: RunnableCommand if !c.isInstanceOf[Run] => tokenOf(c).map(t => ExecutedCommandExec(Run(c, t)) :: Nil)
        .getOrElse(Nil)
      case _ => Nil
    }
  }
}
