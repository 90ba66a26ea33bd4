package io.gatehouse.server.sql.parse;

import io.gatehouse.server.sql.parse.DatabricksSqlParser.CatalogClauseContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CatalogCommentContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CatalogManagedLocationContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ColumnCommentContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ColumnDefinitionContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ColumnMaskContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ColumnOptionContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreateCatalogContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreateFunctionContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreateSchemaContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreateTableContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.CreateVolumeContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.FunctionCharacteristicContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.FunctionCommentContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.FunctionDeterminismContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.FunctionLanguageContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.FunctionParameterContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.IdentifierContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SchemaClauseContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SchemaCommentContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SchemaManagedLocationContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SchemaPropertiesContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TableClauseContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TableCommentContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TableFormatContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TableLocationContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TablePartitioningContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TablePropertiesContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TableRowFilterContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.VolumeClauseContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.VolumeCommentContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.VolumeLocationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.TokenStream;

/** Builds the CREATE statements; their clauses may come in any order, each at most once. */
final class CreateStatements {
  private final ExpressionBuilder expressions;
  private final TokenStream tokens;
  private final Function<ParserRuleContext, String> sourceText;

  CreateStatements(ExpressionBuilder expressions, TokenStream tokens, Function<ParserRuleContext, String> sourceText) {
    this.expressions = expressions;
    this.tokens = tokens;
    this.sourceText = sourceText;
  }

  Statement catalog(CreateCatalogContext ctx, SourceSpan span) {
    Clauses.Once once = new Clauses.Once();
    String location = null;
    String comment = null;
    for (CatalogClauseContext clause : ctx.catalogClause()) {
      if (clause instanceof CatalogManagedLocationContext managed) {
        once.check("MANAGED LOCATION", clause.start);
        location = Literals.string(managed.stringLiteral());
      } else {
        once.check("COMMENT", clause.start);
        comment = Literals.string(((CatalogCommentContext) clause).stringLiteral());
      }
    }
    return new Statement.CreateCatalog(Names.of(ctx.qualifiedName(), SecurableKind.CATALOG), ctx.ifNotExists() != null,
        location, comment, span);
  }

  Statement schema(CreateSchemaContext ctx, SourceSpan span) {
    Clauses.Once once = new Clauses.Once();
    String location = null;
    String comment = null;
    Map<String, String> properties = Map.of();
    for (SchemaClauseContext clause : ctx.schemaClause()) {
      if (clause instanceof SchemaManagedLocationContext managed) {
        once.check("MANAGED LOCATION", clause.start);
        location = Literals.string(managed.stringLiteral());
      } else if (clause instanceof SchemaCommentContext commented) {
        once.check("COMMENT", clause.start);
        comment = Literals.string(commented.stringLiteral());
      } else {
        once.check("WITH DBPROPERTIES", clause.start);
        properties = Clauses.properties(((SchemaPropertiesContext) clause).propertyList());
      }
    }
    return new Statement.CreateSchema(Names.of(ctx.qualifiedName(), SecurableKind.SCHEMA), ctx.ifNotExists() != null,
        location, comment, properties, span);
  }

  Statement table(CreateTableContext ctx, SourceSpan span) {
    Clauses.Unique columnNames = new Clauses.Unique("column", true);
    List<ColumnDefinition> columns = new ArrayList<>();
    for (ColumnDefinitionContext column : ctx.columnDefinition()) {
      ColumnDefinition definition = column(column);
      columnNames.add(definition.name(), column.start);
      columns.add(definition);
    }
    Clauses.Once once = new Clauses.Once();
    String format = null;
    List<String> partitionColumns = List.of();
    String location = null;
    String comment = null;
    Map<String, String> properties = Map.of();
    RowFilter rowFilter = null;
    for (TableClauseContext clause : ctx.tableClause()) {
      if (clause instanceof TableFormatContext using) {
        once.check("USING", clause.start);
        format = Literals.identifier(using.identifier());
      } else if (clause instanceof TablePartitioningContext partitioning) {
        once.check("PARTITIONED BY", clause.start);
        partitionColumns = partitionColumns(partitioning, columns);
      } else if (clause instanceof TableLocationContext located) {
        once.check("LOCATION", clause.start);
        location = Literals.string(located.stringLiteral());
      } else if (clause instanceof TableCommentContext commented) {
        once.check("COMMENT", clause.start);
        comment = Literals.string(commented.stringLiteral());
      } else if (clause instanceof TablePropertiesContext tblProperties) {
        once.check("TBLPROPERTIES", clause.start);
        properties = Clauses.properties(tblProperties.propertyList());
      } else {
        once.check("WITH ROW FILTER", clause.start);
        TableRowFilterContext filter = (TableRowFilterContext) clause;
        rowFilter = new RowFilter(Names.function(filter.qualifiedName()),
            Clauses.functionArguments(filter.functionArguments(), expressions));
      }
    }
    return new Statement.CreateTable(Names.of(ctx.qualifiedName(), SecurableKind.TABLE), ctx.ifNotExists() != null,
        columns, format, partitionColumns, location, comment, properties, rowFilter, span);
  }

  /** A column definition, as CREATE TABLE and ALTER TABLE ... ADD COLUMNS write it. */
  ColumnDefinition column(ColumnDefinitionContext ctx) {
    Clauses.Once once = new Clauses.Once();
    boolean nullable = true;
    String comment = null;
    ColumnMask mask = null;
    for (ColumnOptionContext option : ctx.columnOption()) {
      if (option instanceof ColumnCommentContext commented) {
        once.check("COMMENT", option.start);
        comment = Literals.string(commented.stringLiteral());
      } else if (option instanceof ColumnMaskContext masked) {
        once.check("MASK", option.start);
        List<Expression> using = masked.functionArguments() == null
            ? List.of() : Clauses.functionArguments(masked.functionArguments(), expressions);
        mask = new ColumnMask(Names.function(masked.qualifiedName()), using);
      } else {
        once.check("NOT NULL", option.start);
        nullable = false;
      }
    }
    return new ColumnDefinition(Literals.identifier(ctx.identifier()), DataTypes.build(ctx.dataType()), nullable,
        comment, mask);
  }

  private static List<String> partitionColumns(TablePartitioningContext ctx, List<ColumnDefinition> columns) {
    Set<String> defined = columns.stream().map(column -> column.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
    Clauses.Unique partitionColumns = new Clauses.Unique("partition column", true);
    for (IdentifierContext column : ctx.identifier()) {
      String name = Literals.identifier(column);
      if (!defined.contains(name.toLowerCase(Locale.ROOT))) {
        throw SyntaxErrors.at(column.start, "partition column '" + name + "' is not a column of the table");
      }
      partitionColumns.add(name, column.start);
    }
    return partitionColumns.values();
  }

  Statement volume(CreateVolumeContext ctx, SourceSpan span) {
    Clauses.Once once = new Clauses.Once();
    String location = null;
    String comment = null;
    for (VolumeClauseContext clause : ctx.volumeClause()) {
      if (clause instanceof VolumeLocationContext located) {
        once.check("LOCATION", clause.start);
        location = Literals.string(located.stringLiteral());
      } else {
        once.check("COMMENT", clause.start);
        comment = Literals.string(((VolumeCommentContext) clause).stringLiteral());
      }
    }
    boolean external = ctx.EXTERNAL() != null;
    if (external && location == null) {
      throw SyntaxErrors.at(Clauses.after(ctx, tokens), "an EXTERNAL volume needs a LOCATION", List.of("LOCATION"));
    }
    return new Statement.CreateVolume(Names.of(ctx.qualifiedName(), SecurableKind.VOLUME), ctx.ifNotExists() != null,
        external, location, comment, span);
  }

  Statement function(CreateFunctionContext ctx, SourceSpan span) {
    Clauses.Unique parameterNames = new Clauses.Unique("parameter", true);
    List<FunctionParameter> parameters = new ArrayList<>();
    for (FunctionParameterContext parameter : ctx.functionParameter()) {
      String name = Literals.identifier(parameter.identifier());
      parameterNames.add(name, parameter.start);
      String comment = parameter.stringLiteral() == null ? null : Literals.string(parameter.stringLiteral());
      parameters.add(new FunctionParameter(name, DataTypes.build(parameter.dataType()), comment));
    }
    Clauses.Once once = new Clauses.Once();
    String comment = null;
    boolean deterministic = true;
    for (FunctionCharacteristicContext characteristic : ctx.functionCharacteristic()) {
      if (characteristic instanceof FunctionCommentContext commented) {
        once.check("COMMENT", characteristic.start);
        comment = Literals.string(commented.stringLiteral());
      } else if (characteristic instanceof FunctionLanguageContext language) {
        once.check("LANGUAGE", characteristic.start);
        if (!Literals.identifier(language.identifier()).equalsIgnoreCase("SQL")) {
          throw SyntaxErrors.at(language.identifier().start, "only LANGUAGE SQL functions are supported",
              List.of("SQL"));
        }
      } else {
        once.check("DETERMINISTIC", characteristic.start);
        deterministic = ((FunctionDeterminismContext) characteristic).NOT() == null;
      }
    }
    DataType returnType = ctx.dataType() == null ? null : DataTypes.build(ctx.dataType());
    return new Statement.CreateFunction(Names.function(ctx.qualifiedName()), ctx.OR() != null, ctx.ifNotExists() != null,
        parameters, returnType, comment, deterministic, expressions.build(ctx.expression()),
        sourceText.apply(ctx.expression()), span);
  }
}
