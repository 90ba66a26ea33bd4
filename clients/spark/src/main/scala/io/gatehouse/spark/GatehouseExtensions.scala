package io.gatehouse.spark

import scala.jdk.CollectionConverters._

import org.apache.spark.sql.{SparkSession, SparkSessionExtensions}
import org.apache.spark.sql.catalyst.FunctionIdentifier
import org.apache.spark.sql.catalyst.analysis.{FunctionRegistry, UnresolvedAttribute, UnresolvedFunction}
import org.apache.spark.sql.catalyst.expressions.{Alias, Attribute, Cast, Expression, NamedExpression}
import org.apache.spark.sql.catalyst.plans.logical.{Filter, LocalRelation, LogicalPlan, Project, UnaryNode, V2WriteCommand}
import org.apache.spark.sql.catalyst.rules.Rule
import org.apache.spark.sql.connector.catalog.{TableCatalog, TableWritePrivilege}
import org.apache.spark.sql.execution.datasources.{HadoopFsRelation, LogicalRelation}
import org.apache.spark.sql.execution.datasources.v2.{DataSourceV2Relation, FileTable}

/**
 * The session extensions that make Spark apply Gatehouse's row filters and column masks
 * (`spark.sql.extensions = io.gatehouse.spark.GatehouseExtensions`):
 *
 *  - [[ApplyPolicies]] (analyzer): wraps every relation of a [[GatehouseTable]] in a
 *    [[GovernedRelation]] marker over the reader's policy: a filter on the raw values, then a
 *    projection replacing masked columns under new attribute ids (so no optimizer rule can see
 *    through a mask to the raw column). It never descends into its own markers, so a plan analyzed
 *    again (views, DataFrames, cached plans) gets its policy once.
 *  - [[CheckPolicies]] (analysis check): fails any plan in which a governed table would be read
 *    outside a marker, or which reads files under a governed table's location directly.
 *  - [[RemoveMarkers]] (plan normalization, and the optimizer as a backstop): drops the markers once
 *    analysis is done, leaving the filter and projection to the optimizer.
 *  - [[WriteTargets]] (analyzer): a write's target is the table loaded for writing, and Delta's own
 *    table for a Delta table.
 *  - [[RowLevelTargets]] (analyzer) and [[RowLevelCommands.Strategy]] (planner): DELETE, UPDATE and
 *    MERGE on Delta tables, by Delta's own commands, for readers no filter or mask restricts.
 *
 * A Delta table is read as Delta's own table inside its marker only; with Delta's session
 * extension, Delta's analysis turns it there into Delta's file relation.
 */
class GatehouseExtensions extends (SparkSessionExtensions => Unit) {
  override def apply(extensions: SparkSessionExtensions): Unit = {
    extensions.injectParser((spark, delegate) => new GatehouseViewParser(spark, delegate))
    extensions.injectResolutionRule(spark => ResolveGatehouseViews(spark))
    // Before ApplyPolicies: the target of DELETE, UPDATE or MERGE becomes Delta's table, unfiltered.
    extensions.injectResolutionRule(spark => RowLevelTargets(spark))
    extensions.injectResolutionRule(spark => ApplyPolicies(spark))
    extensions.injectResolutionRule(_ => WriteTargets)
    extensions.injectCheckRule(spark => CheckPolicies(spark))
    extensions.injectPlanNormalizationRule(_ => RemoveMarkers)
    extensions.injectOptimizerRule(_ => RemoveMarkers)
    extensions.injectPlannerStrategy(_ => RowLevelCommands.Strategy)
  }
}

/**
 * A governed relation with its policy applied; present from analysis until normalization. Names
 * the Spark catalog that loaded it and the policy it applied, so that a plan analyzed under an
 * older policy version (a DataFrame's temporary view) is checked again before it is reused.
 */
case class GovernedRelation(
    child: LogicalPlan,
    table: String,
    catalog: String,
    policyVersion: Long,
    policy: String,
    throughView: String = null) extends UnaryNode {
  override def output: Seq[Attribute] = child.output
  override protected def withNewChildInternal(newChild: LogicalPlan): GovernedRelation = copy(child = newChild)
}

object GovernedRelation {
  def isGoverned(plan: LogicalPlan): Boolean = plan match {
    case r: DataSourceV2Relation => r.table.isInstanceOf[GatehouseTable]
    case _ => false
  }
}

case class ApplyPolicies(spark: SparkSession) extends Rule[LogicalPlan] {
  override def apply(plan: LogicalPlan): LogicalPlan = {
    plan.transformUpWithNewOutput(
      {
        case r: DataSourceV2Relation if GovernedRelation.isGoverned(r) => govern(r)
      },
      skipCond = _.isInstanceOf[GovernedRelation],
      canGetOutput = _.resolved)
  }

  private def govern(relation: DataSourceV2Relation): (LogicalPlan, Seq[(Attribute, Attribute)]) = {
    val table = relation.table.asInstanceOf[GatehouseTable]
    val policy = table.policy()
    val output = relation.output
    val masks = policy.masks().asScala.map { case (c, m) => c.toLowerCase(java.util.Locale.ROOT) -> m }
    val condition = Option(policy.rowFilter()).filterNot(_.trim.equalsIgnoreCase("TRUE"))
      .map(sql => parse(table, sql, output))
    val projection: Seq[NamedExpression] = output.map { a =>
      masks.get(a.name.toLowerCase(java.util.Locale.ROOT)) match {
        case Some(mask) => Alias(parse(table, mask, output), a.name)(explicitMetadata = Some(a.metadata))
        case None => a
      }
    }
    // Resolved against a stand-in with the relation's attributes: the analyzer coerces types and
    // checks the expressions without ever seeing the governed relation again.
    val standIn = LocalRelation(output)
    val analyzed = spark.sessionState.analyzer.execute(
      Project(projection, condition.map(Filter(_, standIn)).getOrElse(standIn)))
    // Fails closed: a policy that does not resolve to a plain filter and projection reads nothing.
    val (resolvedProjection, resolvedChild) = analyzed match {
      case Project(p, c) if analyzed.resolved => (p, c)
      case _ => throw new GatehouseAccessException(s"The row filter or masks of ${table.fullName()} cannot be applied")
    }
    // A Delta table is read as Delta's own table, inside the marker only: Delta's analysis turns it
    // into its file relation there, under the filter and masks (same attributes).
    val read = Option(table.delta()) match {
      case Some(delta) => relation.copy(table = delta, options = GatehouseTable.withoutOverrides(relation.options))
      case None => relation
    }
    val filtered = resolvedChild match {
      case Filter(c, _) => Filter(c, read)
      case _ => read
    }
    val finalProjection = resolvedProjection.zip(output).map {
      case (al: Alias, a) if al.dataType != a.dataType =>
        Alias(Cast(al.child, a.dataType), a.name)(exprId = al.exprId, explicitMetadata = Some(a.metadata))
      case (e, _) => e
    }
    val applied = if (masks.isEmpty) filtered else Project(finalProjection, filtered)
    val mapping = output.zip(finalProjection).collect { case (a, al: Alias) => a -> al.toAttribute }
    (GovernedRelation(applied, table.fullName(), table.catalogName(), policy.version(), policy.fingerprint(),
      table.throughView()), mapping)
  }

  /**
   * A policy expression as Spark SQL, with its columns bound to the relation's attributes and its
   * functions taken from Spark's built-ins only: a session's temporary function of the same name
   * must not stand in for the one the policy names.
   */
  private def parse(table: GatehouseTable, sql: String, output: Seq[Attribute]): Expression = {
    val resolver = spark.sessionState.conf.resolver
    val parsed = try spark.sessionState.sqlParser.parseExpression(sql) catch {
      case e: Exception =>
        throw new GatehouseAccessException(s"The policy of ${table.fullName()} does not parse as Spark SQL: $sql", e)
    }
    parsed.transformUp {
      case u: UnresolvedAttribute =>
        output.find(a => u.nameParts.size == 1 && resolver(a.name, u.nameParts.head)).getOrElse(
          throw new GatehouseAccessException(s"The policy of ${table.fullName()} names an unknown column ${u.name}"))
      case f: UnresolvedFunction =>
        if (f.nameParts.size != 1 || f.isDistinct || f.filter.isDefined) {
          throw new GatehouseAccessException(s"The policy of ${table.fullName()} calls ${f.prettyName}, which is not served")
        }
        FunctionRegistry.builtin.lookupFunction(FunctionIdentifier(f.nameParts.head), f.arguments)
    }
  }
}

/**
 * Fails plans that would read a governed table without its policy, or its files directly, and
 * plans whose policy was applied at an older policy version unless Gatehouse still answers the
 * same policy for the same reader (a revoked reader is refused, a changed policy asks for the view
 * or DataFrame to be defined again).
 */
case class CheckPolicies(spark: SparkSession) extends (LogicalPlan => Unit) {
  override def apply(plan: LogicalPlan): Unit = {
    val latest = GatehouseCatalog.POLICY_VERSION.get()
    plan.foreachWithSubqueries {
      case g: GovernedRelation if g.policyVersion < latest =>
        spark.sessionState.catalogManager.catalog(g.catalog) match {
          case c: GatehouseCatalog => c.recheck(g.table, g.policy, g.throughView)
          case _ => throw new GatehouseAccessException(s"Refused: ${g.table} was loaded by an unknown catalog ${g.catalog}")
        }
      case _ =>
    }
    val unmarked = plan.transformDownWithSubqueries {
      case g: GovernedRelation => LocalRelation(g.output)
    }
    unmarked.foreachWithSubqueries {
      case r: DataSourceV2Relation if GovernedRelation.isGoverned(r) =>
        throw new GatehouseAccessException(
          s"Refused: ${r.table.name()} would be read without its row filter and column masks")
      case r: DataSourceV2Relation => r.table match {
        case f: FileTable => refuseGovernedFiles(f.fileIndex.rootPaths.map(_.toString))
        // Delta's table by path (`delta.`s3://...``, DeltaTable.forPath) before Delta's analysis turns it
        // into a file relation, which the next case refuses as well.
        case t if t.getClass.getName == WriteTargets.DeltaTableClass => refuseGovernedFiles(DeltaTables.path(t).toSeq)
        case _ =>
      }
      // Delta's own reads of a governed table's log, for a table loaded through the catalog (its
      // options carry the table's credential scope): the log is how Delta finds the table's files.
      case LogicalRelation(h: HadoopFsRelation, _, _, _, _) if WriteTargets.isGovernedLog(h) =>
      // Delta's own reads of the target of the DELETE, UPDATE or MERGE running on this thread.
      case LogicalRelation(h: HadoopFsRelation, _, _, _, _) if RowLevelCommands.sanctioned(h.options) =>
      case LogicalRelation(h: HadoopFsRelation, _, _, _, _) => refuseGovernedFiles(h.location.rootPaths.map(_.toString))
      case _ =>
    }
  }

  private def refuseGovernedFiles(paths: Seq[String]): Unit = {
    paths.find(GovernedLocations.covers).foreach { p =>
      throw new GatehouseAccessException(s"Refused: $p holds a governed table's files; read the table through its catalog")
    }
  }
}

/**
 * The target of a write: loaded for writing, and Delta's own table for a Delta table.
 *
 * Spark's analyzer caches the tables a statement loads by name, without the write privileges, so
 * in `INSERT INTO t SELECT ... FROM t` the target is the table loaded for the read, with READ
 * credentials; such a target is loaded again for the write (READ_WRITE, which needs MODIFY).
 * A Delta target becomes Delta's table, so that Delta's analysis adapts the query to the table's
 * schema and Delta commits the write. The target is not filtered: the rows written are what the
 * query read, under its own policies.
 */
object WriteTargets extends Rule[LogicalPlan] {
  val DeltaTableClass = "org.apache.spark.sql.delta.catalog.DeltaTableV2"
  private val DeltaLogIndexClass = "org.apache.spark.sql.delta.DeltaLogFileIndex"

  /** Whether `relation` is Delta reading the log of a table the catalog loaded, with its options. */
  def isGovernedLog(relation: HadoopFsRelation): Boolean =
    relation.location.getClass.getName == DeltaLogIndexClass && relation.options.contains(TableOptions.SCOPE)

  override def apply(plan: LogicalPlan): LogicalPlan = plan.transformDown {
    case w: V2WriteCommand => w.table match {
      case r: DataSourceV2Relation => ReplaceTables.unstaged(r.table) match {
        case g: GatehouseTable =>
          val writable = if (g.writable()) g else (r.catalog, r.identifier) match {
            case (Some(c: TableCatalog), Some(ident)) =>
              c.loadTable(ident, java.util.Set.of(TableWritePrivilege.INSERT)).asInstanceOf[GatehouseTable]
            case _ => throw new GatehouseAccessException(s"Refused: ${g.fullName()} was not loaded for writing")
          }
          val target = Option(writable.delta()).getOrElse(writable)
          if (target eq r.table) w
          else w.withNewTable(r.copy(table = target, options = GatehouseTable.withoutOverrides(r.options)))
        case _ => w
      }
      case _ => w
    }
  }
}

/** Removes the markers: analysis and its checks are done. */
object RemoveMarkers extends Rule[LogicalPlan] {
  override def apply(plan: LogicalPlan): LogicalPlan = plan.transformUpWithSubqueries {
    case g: GovernedRelation => g.child
  }
}
