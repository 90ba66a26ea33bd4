package io.gatehouse.spark

import java.util.Locale

import scala.jdk.CollectionConverters._

import org.apache.spark.sql.{Row, SparkSession}
import org.apache.spark.sql.catalyst.{FunctionIdentifier, TableIdentifier}
import org.apache.spark.sql.catalyst.analysis.{CTESubstitution, CurrentNamespace, FunctionRegistry, UnresolvedFunction, UnresolvedIdentifier, UnresolvedNamespace, UnresolvedRelation, UnresolvedTableValuedFunction}
import org.apache.spark.sql.catalyst.expressions.{Alias, Attribute, Cast, Expression, SubqueryExpression}
import org.apache.spark.sql.catalyst.parser.ParserInterface
import org.apache.spark.sql.catalyst.plans.logical.{CreateView, CTERelationDef, CTERelationRef, DropView, LeafNode, LocalRelation, LogicalPlan, OneRowRelation, Project, Range, ShowViews, SubqueryAlias, View, WithCTE}
import org.apache.spark.sql.catalyst.rules.Rule
import org.apache.spark.sql.catalyst.util.StringUtils
import org.apache.spark.sql.connector.catalog.Identifier
import org.apache.spark.sql.execution.command.LeafRunnableCommand
import org.apache.spark.sql.types.{StructField, StructType}

/**
 * Views stored in Gatehouse, in Spark's plans.
 *
 * Reading (`ResolveGatehouseViews`, an analyzer rule): a relation naming a view of a
 * [[GatehouseCatalog]] is loaded for the reader (SELECT on the view) and replaced by its text,
 * parsed, its table names qualified in the view's own catalog and schema, and analyzed on its own
 * with every table loaded beneath the view ([[GatehouseViews.beneath]]): Gatehouse decides those
 * loads by the view owner's SELECT and answers the reader's row filter and masks, which rule 1
 * applies inside that analysis (the markers it leaves are never governed again), and rule 2 checks
 * the whole query afterwards. What the text may read is Gatehouse tables of the view's catalog and
 * built-in functions only: other catalogs, temporary views and functions, paths, views over views
 * and text that does not parse fail the query.
 *
 * Writing (a parser over Spark's, as Spark's own analysis refuses views in any catalog but the
 * session's): `CREATE [OR REPLACE] VIEW`, `DROP VIEW` and `SHOW VIEWS` in a Gatehouse catalog
 * become [[CreateGatehouseView]], [[DropGatehouseView]] and [[ShowGatehouseViews]].
 */
object GatehouseViewRules {
  /** The Gatehouse catalog and identifier `parts` name, as Spark resolves names; None for others. */
  def gatehouseName(spark: SparkSession, parts: Seq[String]): Option[(GatehouseCatalog, Identifier)] = {
    val manager = spark.sessionState.catalogManager
    if (parts.size == 3 && manager.isCatalogRegistered(parts.head)) {
      manager.catalog(parts.head) match {
        case c: GatehouseCatalog => Some((c, Identifier.of(Array(parts(1)), parts(2))))
        case _ => None
      }
    } else if (parts.size <= 2 && !(parts.size == 2 && manager.isCatalogRegistered(parts.head))) {
      (manager.currentCatalog, parts.size, manager.currentNamespace) match {
        case (c: GatehouseCatalog, 2, _) => Some((c, Identifier.of(Array(parts.head), parts(1))))
        case (c: GatehouseCatalog, 1, Array(schema)) => Some((c, Identifier.of(Array(schema), parts.head)))
        case _ => None
      }
    } else {
      None
    }
  }

  private def refuse(view: String, why: String) =
    new GatehouseAccessException(s"Refused: view $view $why")

  /**
   * The text of view `view` (in Gatehouse catalog `catalog`, schema `schema`) parsed, with its
   * table names qualified as the Spark catalog `sparkCatalog`'s: a name of one part is in the
   * view's schema, of two parts in the view's catalog, of three parts must name the view's
   * Gatehouse catalog. Refused: temporary functions and functions outside Spark's built-ins,
   * table-valued functions other than `range`, names of other catalogs.
   */
  def parse(spark: SparkSession, view: String, text: String, catalog: String, schema: String,
      sparkCatalog: String): LogicalPlan = {
    val parsed = try spark.sessionState.sqlParser.parseQuery(text) catch {
      case e: Exception => throw new GatehouseAccessException(s"Refused: the text of view $view does not parse as Spark SQL", e)
    }
    def qualify(plan: LogicalPlan): LogicalPlan = plan.transformUpWithSubqueries {
      case u: UnresolvedRelation =>
        val parts = u.multipartIdentifier
        val qualified = parts.size match {
          case 1 => Seq(sparkCatalog, schema, parts.head)
          case 2 => Seq(sparkCatalog, parts.head, parts(1))
          case 3 if parts.head.equalsIgnoreCase(catalog) => Seq(sparkCatalog, parts(1), parts(2))
          case _ => throw refuse(view, s"reads ${parts.mkString(".")}, which is no table of Gatehouse catalog $catalog")
        }
        u.copy(multipartIdentifier = qualified)
      case t: UnresolvedTableValuedFunction
          if !(t.name.size == 1 && t.name.head.equalsIgnoreCase("range")) =>
        throw refuse(view, s"calls the table function ${t.name.mkString(".")}, which is not served")
    }
    val qualified = qualify(CTESubstitution.apply(parsed))
    qualified.foreachWithSubqueries { node =>
      node.expressions.foreach(_.foreach {
        case f: UnresolvedFunction if f.nameParts.size != 1 ||
            !FunctionRegistry.builtin.functionExists(FunctionIdentifier(f.nameParts.head)) =>
          throw refuse(view, s"calls ${f.nameParts.mkString(".")}, which is no built-in function")
        case _ =>
      })
    }
    qualified
  }

  /**
   * Fails unless everything `analyzed` reads is a governed relation (a Gatehouse table with its
   * policy applied), literal rows or `range`: no temporary view, no file, no other catalog's table.
   */
  def verify(view: String, analyzed: LogicalPlan): Seq[GovernedRelation] = {
    if (!analyzed.resolved) {
      throw refuse(view, "cannot be resolved")
    }
    val governed = Seq.newBuilder[GovernedRelation]
    def walk(plan: LogicalPlan): Unit = {
      plan match {
        case g: GovernedRelation => governed += g
        case v: View => throw refuse(view, s"reads the ${if (v.isTempView) "temporary " else ""}view ${v.desc.identifier}")
        case _: LocalRelation | _: OneRowRelation | _: Range | _: CTERelationRef =>
        case leaf: LeafNode => throw refuse(view, s"reads ${leaf.nodeName}, which is no Gatehouse table")
        case other => other.children.foreach(walk)
      }
      plan match {
        case _: GovernedRelation =>
        case p => p.expressions.foreach(_.foreach {
          case s: SubqueryExpression => walk(s.plan)
          case _ =>
        })
      }
    }
    walk(analyzed)
    governed.result()
  }
}

/** Reads a Gatehouse view: its text analyzed with its tables loaded beneath it (see [[GatehouseViewRules]]). */
case class ResolveGatehouseViews(spark: SparkSession) extends Rule[LogicalPlan] {
  override def apply(plan: LogicalPlan): LogicalPlan = plan.resolveOperatorsUpWithPruning(_ => true) {
    case u: UnresolvedRelation if !spark.sessionState.catalog.isTempView(u.multipartIdentifier) =>
      GatehouseViewRules.gatehouseName(spark, u.multipartIdentifier) match {
        case Some((catalog, ident)) =>
          Option(GatehouseViews.load(catalog, ident)).map(expand(catalog, ident, _)).getOrElse(u)
        case None => u
      }
  }

  private def expand(catalog: GatehouseCatalog, ident: Identifier, view: GatehouseViews.View): LogicalPlan = {
    Option(GatehouseViews.inViewText()).foreach { outer =>
      throw new GatehouseAccessException(s"Refused: view $outer reads view ${view.fullName}; views over views are not served")
    }
    val schema = ident.namespace()(0)
    val parsed = GatehouseViewRules.parse(spark, view.fullName, view.definition, catalog.config().catalog(), schema,
      catalog.name())
    val analyzed = GatehouseViews.beneath(view.fullName, () => spark.sessionState.analyzer.execute(parsed))
    GatehouseViewRules.verify(view.fullName, analyzed)
    val columns = view.schema.fields
    if (columns.length != analyzed.output.size) {
      throw new GatehouseAccessException(s"View ${view.fullName} has ${columns.length} columns in Gatehouse and its text"
        + s" ${analyzed.output.size}; define it again")
    }
    val projection = analyzed.output.zip(columns).map { case (a, f) =>
      Alias(if (a.dataType == f.dataType) a else Cast(a, f.dataType), f.name)()
    }
    SubqueryAlias(Seq(catalog.name(), schema, ident.name()), Project(projection, analyzed))
  }
}

/**
 * `CREATE [OR REPLACE] VIEW` in a Gatehouse catalog, as the session's reader: the text is analyzed
 * as the view will be read, but with the creator's own rights (who must be able to read every table
 * it names, as in Databricks); its columns and the tables it reads go to Gatehouse with it.
 */
case class CreateGatehouseView(
    catalogName: String,
    ident: Identifier,
    text: String,
    columnNames: Seq[(String, Option[String])],
    comment: Option[String],
    properties: Map[String, String],
    allowExisting: Boolean,
    replace: Boolean) extends LeafRunnableCommand {
  override def run(spark: SparkSession): Seq[Row] = {
    val catalog = spark.sessionState.catalogManager.catalog(catalogName).asInstanceOf[GatehouseCatalog]
    val fullName = catalog.fullName(ident)
    val parsed = GatehouseViewRules.parse(spark, fullName, text, catalog.config().catalog(), ident.namespace()(0),
      catalogName)
    val analyzed = GatehouseViews.creating(fullName, () => spark.sessionState.analyzer.execute(parsed))
    val governed = GatehouseViewRules.verify(fullName, analyzed)
    if (governed.isEmpty) {
      throw new GatehouseAccessException(s"Refused: view $fullName reads no Gatehouse table")
    }
    if (columnNames.nonEmpty && columnNames.size != analyzed.output.size) {
      throw new GatehouseAccessException(s"View $fullName names ${columnNames.size} columns for ${analyzed.output.size}")
    }
    val names = if (columnNames.isEmpty) analyzed.output.map(_.name) else columnNames.map(_._1)
    val lowered = names.map(_.toLowerCase(Locale.ROOT))
    if (lowered.distinct.size != lowered.size) {
      throw new GatehouseAccessException(s"View $fullName has two columns of the same name: ${names.mkString(", ")}")
    }
    val schema = StructType(analyzed.output.zip(names).map { case (a, n) => StructField(n, a.dataType, a.nullable) })
    val tables = governed.map(_.table).distinct
    GatehouseViews.create(catalog, ident, text, schema, comment.orNull, properties.asJava, tables.asJava, replace,
      allowExisting)
    Seq.empty
  }
}

/** `DROP VIEW` of a Gatehouse view, as the session's reader. */
case class DropGatehouseView(catalogName: String, ident: Identifier, ifExists: Boolean) extends LeafRunnableCommand {
  override def run(spark: SparkSession): Seq[Row] = {
    val catalog = spark.sessionState.catalogManager.catalog(catalogName).asInstanceOf[GatehouseCatalog]
    GatehouseViews.drop(catalog, ident, ifExists)
    Seq.empty
  }
}

/** `SHOW VIEWS` of a Gatehouse schema: the views the reader may see. */
case class ShowGatehouseViews(catalogName: String, schemaName: String, pattern: Option[String], override val output: Seq[Attribute])
    extends LeafRunnableCommand {
  override def run(spark: SparkSession): Seq[Row] = {
    val catalog = spark.sessionState.catalogManager.catalog(catalogName).asInstanceOf[GatehouseCatalog]
    val names = GatehouseViews.list(catalog, schemaName).asScala.toSeq
    val shown = pattern.map(p => StringUtils.filterPattern(names, p)).getOrElse(names)
    shown.sorted.map(n => Row(schemaName, n, false))
  }
}

/**
 * Spark's parser, with the view commands that name a Gatehouse catalog turned into Gatehouse's
 * own (Spark's analysis would refuse them: it serves views in its session catalog only).
 */
class GatehouseViewParser(spark: SparkSession, delegate: ParserInterface) extends ParserInterface {
  override def parsePlan(sqlText: String): LogicalPlan = rewrite(delegate.parsePlan(sqlText))

  private def rewrite(plan: LogicalPlan): LogicalPlan = plan match {
    case c: CreateView => c.child match {
      case UnresolvedIdentifier(parts, _) => GatehouseViewRules.gatehouseName(spark, parts) match {
        case Some((catalog, ident)) =>
          val text = c.originalText.getOrElse(
            throw new GatehouseAccessException(s"CREATE VIEW ${parts.mkString(".")} has no text"))
          CreateGatehouseView(catalog.name(), ident, text, c.userSpecifiedColumns, c.comment, c.properties,
            c.allowExisting, c.replace)
        case None => c
      }
      case _ => c
    }
    case d: DropView => d.child match {
      case UnresolvedIdentifier(parts, _) if !spark.sessionState.catalog.isTempView(parts) =>
        GatehouseViewRules.gatehouseName(spark, parts) match {
          case Some((catalog, ident)) => DropGatehouseView(catalog.name(), ident, d.ifExists)
          case None => d
        }
      case _ => d
    }
    case s: ShowViews =>
      val manager = spark.sessionState.catalogManager
      s.namespace match {
        case UnresolvedNamespace(Seq(c, schema), _) if manager.isCatalogRegistered(c) =>
          manager.catalog(c) match {
            case g: GatehouseCatalog => ShowGatehouseViews(g.name(), schema, s.pattern, s.output)
            case _ => s
          }
        case UnresolvedNamespace(Seq(schema), _) => manager.currentCatalog match {
          case g: GatehouseCatalog => ShowGatehouseViews(g.name(), schema, s.pattern, s.output)
          case _ => s
        }
        case CurrentNamespace => (manager.currentCatalog, manager.currentNamespace) match {
          case (g: GatehouseCatalog, Array(schema)) => ShowGatehouseViews(g.name(), schema, s.pattern, s.output)
          case _ => s
        }
        case _ => s
      }
    case other => other
  }

  override def parseExpression(sqlText: String): Expression = delegate.parseExpression(sqlText)
  override def parseTableIdentifier(sqlText: String): TableIdentifier = delegate.parseTableIdentifier(sqlText)
  override def parseFunctionIdentifier(sqlText: String): FunctionIdentifier = delegate.parseFunctionIdentifier(sqlText)
  override def parseMultipartIdentifier(sqlText: String): Seq[String] = delegate.parseMultipartIdentifier(sqlText)
  override def parseQuery(sqlText: String): LogicalPlan = delegate.parseQuery(sqlText)
  override def parseRoutineParam(sqlText: String): StructType = delegate.parseRoutineParam(sqlText)
  override def parseTableSchema(sqlText: String): StructType = delegate.parseTableSchema(sqlText)
  override def parseDataType(sqlText: String): org.apache.spark.sql.types.DataType = delegate.parseDataType(sqlText)
}
