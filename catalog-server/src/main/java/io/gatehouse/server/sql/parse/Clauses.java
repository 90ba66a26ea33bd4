package io.gatehouse.server.sql.parse;

import io.gatehouse.server.sql.parse.DatabricksSqlParser.ArgumentColumnContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.ArgumentConstantContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.FunctionArgumentContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.FunctionArgumentsContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PrincipalContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PropertyContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PropertyKeyContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PropertyKeyListContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PropertyListContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.PropertyValueContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.StringLiteralContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TagContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TagKeyListContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.TagListContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/** Parts that several statements share: principals, property and tag lists, function arguments. */
final class Clauses {

  private Clauses() {
  }

  static String principal(PrincipalContext ctx) {
    return ctx.identifier() != null ? Literals.identifier(ctx.identifier()) : Literals.string(ctx.stringLiteral());
  }

  static Map<String, String> properties(PropertyListContext ctx) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (PropertyContext property : ctx.property()) {
      String key = propertyKey(property.propertyKey());
      if (properties.put(key, propertyValue(property.propertyValue())) != null) {
        throw SyntaxErrors.at(property.start, "property '" + key + "' is given twice");
      }
    }
    return properties;
  }

  static List<String> propertyKeys(PropertyKeyListContext ctx) {
    Unique keys = new Unique("property", false);
    for (PropertyKeyContext key : ctx.propertyKey()) {
      keys.add(propertyKey(key), key.start);
    }
    return keys.values();
  }

  // 'delta.appendOnly' or delta.appendOnly: the same key.
  private static String propertyKey(PropertyKeyContext ctx) {
    if (ctx.stringLiteral() != null) {
      return Literals.string(ctx.stringLiteral());
    }
    return String.join(".", ctx.identifier().stream().map(Literals::identifier).toList());
  }

  private static String propertyValue(PropertyValueContext ctx) {
    if (ctx.stringLiteral() != null) {
      return Literals.string(ctx.stringLiteral());
    }
    return ctx.getText().toLowerCase(Locale.ROOT);
  }

  static List<Tag> tags(TagListContext ctx) {
    Unique keys = new Unique("tag", false);
    List<Tag> tags = new ArrayList<>();
    for (TagContext tag : ctx.tag()) {
      String key = Literals.string(tag.key);
      keys.add(key, tag.start);
      tags.add(new Tag(key, tag.value == null ? null : Literals.string(tag.value)));
    }
    return tags;
  }

  static List<String> tagKeys(TagKeyListContext ctx) {
    Unique keys = new Unique("tag", false);
    for (StringLiteralContext key : ctx.stringLiteral()) {
      keys.add(Literals.string(key), key.start);
    }
    return keys.values();
  }

  /** Columns become column references, constants literals: (region, 'EU', -1). */
  static List<Expression> functionArguments(FunctionArgumentsContext ctx, ExpressionBuilder expressions) {
    List<Expression> arguments = new ArrayList<>();
    for (FunctionArgumentContext argument : ctx.functionArgument()) {
      if (argument instanceof ArgumentColumnContext column) {
        arguments.add(new Expression.ColumnRef(List.of(Literals.identifier(column.identifier()))));
      } else if (argument instanceof ArgumentConstantContext constant) {
        arguments.add(expressions.visit(constant.constant()));
      } else {
        arguments.add(new Expression.NumericLiteral(argument.getText()));
      }
    }
    return arguments;
  }

  /** The token after a statement, where a missing clause is reported: a semicolon or the end. */
  static Token after(ParserRuleContext ctx, TokenStream tokens) {
    for (int i = ctx.stop.getTokenIndex() + 1; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.getChannel() == Token.DEFAULT_CHANNEL) {
        return token;
      }
    }
    return ctx.stop;
  }

  /** Refuses a clause or option that is written twice. */
  static final class Once {
    private final Set<String> seen = new HashSet<>();

    void check(String clause, Token at) {
      if (!seen.add(clause)) {
        throw SyntaxErrors.at(at, "duplicate " + clause + " clause");
      }
    }
  }

  /** Names or keys that must differ: exactly, or ignoring case as Unity Catalog compares names. */
  static final class Unique {
    private final String what;
    private final boolean ignoreCase;
    private final Set<String> seen = new HashSet<>();
    private final List<String> values = new ArrayList<>();

    Unique(String what, boolean ignoreCase) {
      this.what = what;
      this.ignoreCase = ignoreCase;
    }

    void add(String value, Token at) {
      if (!seen.add(ignoreCase ? value.toLowerCase(Locale.ROOT) : value)) {
        throw SyntaxErrors.at(at, what + " '" + value + "' is given twice");
      }
      values.add(value);
    }

    List<String> values() {
      return values;
    }
  }
}
