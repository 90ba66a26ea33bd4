package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.server.identity.scim.ScimFilter.Operator;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Translates a SCIM filter into a PostgreSQL boolean expression. Every client value becomes a bound
 * parameter; the SQL text holds only the column expressions the resolver supplies.
 *
 * <p>SQL's three-valued logic would drop rows whose column is NULL from {@code not (...)}; this
 * translation renders {@code not} as {@code (...) IS NOT TRUE} so that, as in {@link
 * ScimFilter#matches}, an absent value fails a comparison and passes its negation.
 */
public final class ScimFilterSql {
  private final Function<AttributePath, ScimColumn> resolver;
  private final List<Object> params = new ArrayList<>();
  // Inside a value filter: the template its sub-attributes share, applied once around it all.
  private String valuePathTemplate;
  private boolean valuePathTemplateSeen;

  private ScimFilterSql(Function<AttributePath, ScimColumn> resolver) {
    this.resolver = resolver;
  }

  /**
   * Translates {@code filter}.
   *
   * @param resolver the column for an attribute path, or null when the attribute cannot be
   *     filtered; inside {@code emails[type eq "work"]} it is asked for {@code emails.type}
   * @throws ScimException invalidFilter for an attribute that cannot be filtered or a value that
   *     does not suit the attribute's kind
   */
  public static SqlFragment toSql(ScimFilter filter, Function<AttributePath, ScimColumn> resolver) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(resolver, "resolver");
    ScimFilterSql translation = new ScimFilterSql(resolver);
    String sql = translation.translate(filter, null);
    return new SqlFragment(sql, translation.params);
  }

  /** {@code outer} is the multi-valued attribute when translating inside its '[...]'. */
  private String translate(ScimFilter filter, AttributePath outer) {
    if (filter instanceof ScimFilter.Compare compare) {
      ScimColumn column = column(compare.path(), outer);
      return leaf(column, comparison(column, compare, qualified(compare.path(), outer)), outer);
    } else if (filter instanceof ScimFilter.Present present) {
      ScimColumn column = column(present.path(), outer);
      return leaf(column, present(column), outer);
    } else if (filter instanceof ScimFilter.And || filter instanceof ScimFilter.Or) {
      String joiner = filter instanceof ScimFilter.And ? " AND " : " OR ";
      List<String> parts = new ArrayList<>();
      for (ScimFilter operand : operands(filter)) {
        parts.add(translate(operand, outer));
      }
      return "(" + String.join(joiner, parts) + ")";
    } else if (filter instanceof ScimFilter.Not not) {
      String inner = translate(not.inner(), outer);
      boolean grouped =
          not.inner() instanceof ScimFilter.And || not.inner() instanceof ScimFilter.Or;
      return (grouped ? inner : "(" + inner + ")") + " IS NOT TRUE";
    }
    return valuePath((ScimFilter.ValuePath) filter);
  }

  private String valuePath(ScimFilter.ValuePath valuePath) {
    valuePathTemplate = null;
    valuePathTemplateSeen = false;
    String inner = translate(valuePath.inner(), valuePath.path());
    // One template around the whole inner filter: all its conditions hold for the same element.
    return valuePathTemplate == null ? inner : format(valuePathTemplate, inner);
  }

  private String leaf(ScimColumn column, String condition, AttributePath outer) {
    if (outer != null) {
      boolean sameTemplate = Objects.equals(valuePathTemplate, column.multiValuedTemplate());
      if (valuePathTemplateSeen && !sameTemplate) {
        throw ScimException.invalidFilter(
            "The sub-attributes of '" + outer + "' cannot be combined in one value filter");
      }
      valuePathTemplateSeen = true;
      valuePathTemplate = column.multiValuedTemplate();
      return condition;
    }
    String template = column.multiValuedTemplate();
    return template == null ? condition : format(template, condition);
  }

  private static String format(String template, String condition) {
    return String.format(Locale.ROOT, template, condition);
  }

  /** The operands of a chain of one logical operator, flattened so long chains nest no deeper. */
  private static List<ScimFilter> operands(ScimFilter chain) {
    List<ScimFilter> operands = new ArrayList<>();
    Deque<ScimFilter> pending = new ArrayDeque<>();
    pending.push(chain);
    while (!pending.isEmpty()) {
      ScimFilter next = pending.pop();
      if (next instanceof ScimFilter.And and && chain instanceof ScimFilter.And) {
        pending.push(and.right());
        pending.push(and.left());
      } else if (next instanceof ScimFilter.Or or && chain instanceof ScimFilter.Or) {
        pending.push(or.right());
        pending.push(or.left());
      } else {
        operands.add(next);
      }
    }
    return operands;
  }

  private static AttributePath qualified(AttributePath path, AttributePath outer) {
    return outer == null ? path : outer.child(path.attribute());
  }

  private ScimColumn column(AttributePath path, AttributePath outer) {
    AttributePath qualified = qualified(path, outer);
    ScimColumn column = resolver.apply(qualified);
    if (column == null) {
      throw ScimException.invalidFilter("The attribute '" + qualified + "' is not filterable");
    }
    return column;
  }

  private static String present(ScimColumn column) {
    String e = column.expression();
    if (column.kind() == ScimColumn.Kind.STRING) {
      return "(" + e + " IS NOT NULL AND " + e + " <> '')";
    }
    return e + " IS NOT NULL";
  }

  private String comparison(ScimColumn column, ScimFilter.Compare compare, AttributePath path) {
    String e = column.expression();
    Operator op = compare.op();
    JsonNode value = compare.value();
    if (value.isNull()) {
      if (op == Operator.EQ || op == Operator.NE) {
        return e + (op == Operator.EQ ? " IS NULL" : " IS NOT NULL");
      }
      throw ScimException.invalidFilter("'" + op.keyword() + "' cannot compare with null");
    }
    switch (column.kind()) {
      case BOOLEAN:
        if (op != Operator.EQ && op != Operator.NE) {
          throw ScimException.invalidFilter(
              "'" + op.keyword() + "' cannot be used with the boolean attribute '" + path + "'");
        }
        if (!value.isBoolean()) {
          throw mismatch(path, "boolean", "true or false");
        }
        return bind(e, op, value.booleanValue(), false);
      case NUMBER:
        rejectSubstring(op, path, "number");
        if (!value.isNumber()) {
          throw mismatch(path, "number", "a number");
        }
        return bind(e, op, value.numberValue(), false);
      case TIMESTAMP:
        rejectSubstring(op, path, "dateTime");
        if (!value.isTextual()) {
          throw mismatch(path, "dateTime", "a quoted timestamp such as \"2011-05-13T04:42:34Z\"");
        }
        return bind(e, op, timestamp(value.textValue()), false);
      default:
        if (!value.isTextual() && !value.isNumber()) {
          throw mismatch(path, "string", "a quoted string");
        }
        return string(column, op, value.asText());
    }
  }

  private String string(ScimColumn column, Operator op, String value) {
    String e = column.caseExact() ? column.expression() : "lower(" + column.expression() + ")";
    if (!op.isSubstring()) {
      return bind(e, op, value, !column.caseExact());
    }
    String escaped = escapeLike(value);
    String pattern =
        switch (op) {
          case CO -> "%" + escaped + "%";
          case SW -> escaped + "%";
          default -> "%" + escaped;
        };
    params.add(pattern);
    return e + (column.caseExact() ? " LIKE ?" : " LIKE lower(?)") + " ESCAPE '\\'";
  }

  private String bind(String left, Operator op, Object value, boolean lowerValue) {
    params.add(value);
    String sqlOp =
        switch (op) {
          case EQ -> " = ";
          case NE -> " IS DISTINCT FROM ";
          case GT -> " > ";
          case GE -> " >= ";
          case LT -> " < ";
          case LE -> " <= ";
          default -> throw new IllegalStateException("not a binary comparison: " + op);
        };
    return left + sqlOp + (lowerValue ? "lower(?)" : "?");
  }

  /** Escapes LIKE's wildcards so a client's '%' or '_' matches itself. */
  static String escapeLike(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static OffsetDateTime timestamp(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw ScimException.invalidFilter(
          "'" + Snippets.of(text)
              + "' is not a dateTime with an offset, such as 2011-05-13T04:42:34Z");
    }
  }

  private static void rejectSubstring(Operator op, AttributePath path, String kind) {
    if (op.isSubstring()) {
      throw ScimException.invalidFilter(
          "'" + op.keyword() + "' applies to strings; '" + path + "' is a " + kind);
    }
  }

  private static ScimException mismatch(AttributePath path, String kind, String expected) {
    return ScimException.invalidFilter(
        "The attribute '" + path + "' is a " + kind + ": compare it with " + expected);
  }
}
