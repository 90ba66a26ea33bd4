package io.gatehouse.server.sql.parse;

import static io.gatehouse.server.sql.parse.SecurableKind.CATALOG;
import static io.gatehouse.server.sql.parse.SecurableKind.SCHEMA;
import static io.gatehouse.server.sql.parse.SecurableKind.TABLE;
import static io.gatehouse.server.sql.parse.SecurableKind.VIEW;
import static io.gatehouse.server.sql.parse.SecurableKind.VOLUME;

import io.gatehouse.server.sql.parse.DatabricksSqlParser.AddColumnsContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.AlterActionContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.AlterColumnContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ColumnActionContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ColumnDefinitionContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DropColumnsContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.RenameColumnContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.DropRowFilterContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.RenameContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SetColumnTagsContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SetMaskContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SetOwnerContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SetPropertiesContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SetRowFilterContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.SetTagsContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.UnsetColumnTagsContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.UnsetPropertiesContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.UnsetTagsContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.ParserRuleContext;

/**
 * Builds the ALTER statements. The grammar takes any action after any securable; which action
 * applies to which kind is checked here, so the error can say so in words.
 */
final class AlterStatements {
  private static final Set<SecurableKind> RENAMEABLE = EnumSet.of(CATALOG, SCHEMA, TABLE, VIEW, VOLUME);
  private static final Set<SecurableKind> TAGGABLE = EnumSet.of(CATALOG, SCHEMA, TABLE, VIEW, VOLUME);
  private static final Set<SecurableKind> TABLES_AND_VIEWS = EnumSet.of(TABLE, VIEW);
  private static final Set<SecurableKind> CONTAINERS = EnumSet.of(CATALOG, SCHEMA);
  private static final Set<SecurableKind> TABLES = EnumSet.of(TABLE);

  private final ExpressionBuilder expressions;
  private final Function<ColumnDefinitionContext, ColumnDefinition> columns;

  AlterStatements(ExpressionBuilder expressions, Function<ColumnDefinitionContext, ColumnDefinition> columns) {
    this.expressions = expressions;
    this.columns = columns;
  }

  Statement build(SecurableKind kind, QualifiedName name, AlterActionContext action, SourceSpan span) {
    if (action instanceof SetOwnerContext owner) {
      return new Statement.SetOwner(kind, name, Clauses.principal(owner.principal()), span);
    }
    if (action instanceof RenameContext rename) {
      require(action, "RENAME TO", kind, RENAMEABLE);
      return new Statement.Rename(kind, name, Names.of(rename.qualifiedName(), kind), span);
    }
    if (action instanceof SetPropertiesContext set) {
      boolean table = set.TBLPROPERTIES() != null;
      require(action, "SET " + set.getChild(1).getText().toUpperCase(Locale.ROOT), kind,
          table ? TABLES_AND_VIEWS : CONTAINERS);
      return new Statement.SetProperties(kind, name, Clauses.properties(set.propertyList()), span);
    }
    if (action instanceof UnsetPropertiesContext unset) {
      require(action, "UNSET TBLPROPERTIES", kind, TABLES_AND_VIEWS);
      return new Statement.UnsetProperties(kind, name, Clauses.propertyKeys(unset.propertyKeyList()),
          unset.ifExists() != null, span);
    }
    if (action instanceof SetRowFilterContext filter) {
      require(action, "SET ROW FILTER", kind, TABLES);
      RowFilter rowFilter = new RowFilter(Names.function(filter.qualifiedName()),
          Clauses.functionArguments(filter.functionArguments(), expressions));
      return new Statement.SetRowFilter(name, rowFilter, span);
    }
    if (action instanceof DropRowFilterContext) {
      require(action, "DROP ROW FILTER", kind, TABLES);
      return new Statement.DropRowFilter(name, span);
    }
    if (action instanceof SetTagsContext tags) {
      require(action, "SET TAGS", kind, TAGGABLE);
      return new Statement.SetTags(kind, name, null, Clauses.tags(tags.tagList()), span);
    }
    if (action instanceof UnsetTagsContext tags) {
      require(action, "UNSET TAGS", kind, TAGGABLE);
      return new Statement.UnsetTags(kind, name, null, Clauses.tagKeys(tags.tagKeyList()), span);
    }
    if (action instanceof AddColumnsContext add) {
      require(action, "ADD COLUMNS", kind, TABLES);
      return new Statement.AddColumns(name, add.columnDefinition().stream().map(columns).toList(), span);
    }
    if (action instanceof RenameColumnContext rename) {
      require(action, "RENAME COLUMN", kind, TABLES);
      return new Statement.RenameColumn(name, Literals.identifier(rename.identifier(0)),
          Literals.identifier(rename.identifier(1)), span);
    }
    if (action instanceof DropColumnsContext drop) {
      require(action, "DROP COLUMNS", kind, TABLES);
      return new Statement.DropColumns(name, drop.identifier().stream().map(Literals::identifier).toList(),
          drop.ifExists() != null, span);
    }
    AlterColumnContext alterColumn = (AlterColumnContext) action;
    require(action, "ALTER COLUMN", kind, TABLES);
    return column(kind, name, Literals.identifier(alterColumn.identifier()), alterColumn.columnAction(), span);
  }

  private Statement column(SecurableKind kind, QualifiedName table, String column, ColumnActionContext action,
      SourceSpan span) {
    if (action instanceof SetMaskContext mask) {
      List<Expression> using = mask.functionArguments() == null
          ? List.of() : Clauses.functionArguments(mask.functionArguments(), expressions);
      return new Statement.SetColumnMask(table, column, new ColumnMask(Names.function(mask.qualifiedName()), using),
          span);
    }
    if (action instanceof SetColumnTagsContext tags) {
      return new Statement.SetTags(kind, table, column, Clauses.tags(tags.tagList()), span);
    }
    if (action instanceof UnsetColumnTagsContext tags) {
      return new Statement.UnsetTags(kind, table, column, Clauses.tagKeys(tags.tagKeyList()), span);
    }
    return new Statement.DropColumnMask(table, column, span);
  }

  private static void require(ParserRuleContext action, String what, SecurableKind kind, Set<SecurableKind> allowed) {
    if (!allowed.contains(kind)) {
      String kinds = allowed.stream().map(SecurableKind::keyword).collect(Collectors.joining(", "));
      throw SyntaxErrors.at(action.start, what + " applies only to " + kinds + ", not " + kind.keyword());
    }
  }
}
