package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gatehouse.server.identity.scim.FilterLexer.Token;
import io.gatehouse.server.identity.scim.FilterLexer.TokenType;
import io.gatehouse.server.identity.scim.ScimFilter.Operator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Recursive-descent parser for the RFC 7644 §3.4.2.2 filter grammar. Precedence, tightest first:
 * {@code not}, {@code and}, {@code or}; operators and keywords are case-insensitive.
 */
final class FilterParser {
  static final int MAX_LENGTH = 10_000;
  static final int MAX_DEPTH = 50;
  private static final String OPERATORS = "eq, ne, co, sw, ew, gt, ge, lt, le or pr";

  private final FilterLexer lexer;
  private int depth;

  FilterParser(String text) {
    if (text == null || text.isBlank()) {
      throw ScimException.invalidFilter("The filter is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw ScimException.invalidFilter(
          "The filter is longer than the limit of " + MAX_LENGTH + " characters");
    }
    this.lexer = new FilterLexer(text);
  }

  ScimFilter parseFilter() {
    ScimFilter filter = parseOr(false);
    Token end = lexer.peek();
    if (end.type() != TokenType.END) {
      throw lexer.error(end, "expected 'and', 'or' or the end of the filter");
    }
    return filter;
  }

  private ScimFilter parseOr(boolean inValuePath) {
    ScimFilter left = parseAnd(inValuePath);
    while (lexer.peek().isWord("or")) {
      lexer.next();
      left = new ScimFilter.Or(left, parseAnd(inValuePath));
    }
    return left;
  }

  private ScimFilter parseAnd(boolean inValuePath) {
    ScimFilter left = parseUnary(inValuePath);
    while (lexer.peek().isWord("and")) {
      lexer.next();
      left = new ScimFilter.And(left, parseUnary(inValuePath));
    }
    return left;
  }

  private ScimFilter parseUnary(boolean inValuePath) {
    Token token = lexer.next();
    if (token.type() == TokenType.LPAREN) {
      return parseGroup(token, inValuePath);
    }
    if (token.type() != TokenType.WORD) {
      throw lexer.error(token, "expected an attribute name, 'not' or '('");
    }
    if (token.isWord("not") && !isOperatorWord(lexer.peek())) {
      // 'not' is a keyword unless an operator follows it, which makes it an attribute name.
      Token open = lexer.next();
      if (open.type() != TokenType.LPAREN) {
        throw lexer.error(open, "expected '(' after 'not'");
      }
      return new ScimFilter.Not(parseGroup(open, inValuePath));
    }
    if ((token.isWord("and") || token.isWord("or")) && !isOperatorWord(lexer.peek())) {
      throw lexer.error(token, "expected an attribute name, 'not' or '('");
    }
    return parseAttributeExpression(token, inValuePath);
  }

  /** The rest of a parenthesised filter whose '(' has been read. */
  private ScimFilter parseGroup(Token open, boolean inValuePath) {
    enter(open);
    ScimFilter inner = parseOr(inValuePath);
    Token close = lexer.next();
    if (close.type() != TokenType.RPAREN) {
      throw lexer.error(close, "expected ')' to close the '(' at position " + (open.start() + 1));
    }
    depth--;
    return inner;
  }

  private ScimFilter parseAttributeExpression(Token name, boolean inValuePath) {
    AttributePath path = attributePath(name, inValuePath);
    Token next = lexer.next();
    if (next.type() == TokenType.LBRACKET) {
      if (inValuePath) {
        throw lexer.error(next, "value filters '[...]' cannot be nested");
      }
      if (path.subAttribute() != null) {
        throw lexer.error(next, "a value filter '[...]' follows an attribute, not a sub-attribute");
      }
      enter(next);
      ScimFilter inner = parseOr(true);
      Token close = lexer.next();
      if (close.type() != TokenType.RBRACKET) {
        throw lexer.error(close, "expected 'and', 'or' or ']' to close the value filter");
      }
      depth--;
      return new ScimFilter.ValuePath(path, inner);
    }
    if (next.isWord("pr")) {
      return new ScimFilter.Present(path);
    }
    Operator op = operator(next);
    if (op == null) {
      throw lexer.error(next, "expected an operator (" + OPERATORS + ")");
    }
    Token valueToken = lexer.next();
    JsonNode value = value(valueToken);
    if (op.isSubstring() && !value.isTextual()) {
      throw lexer.error(valueToken, "'" + op.keyword() + "' needs a quoted string value");
    }
    if (op.isOrdering() && (value.isBoolean() || value.isNull())) {
      throw lexer.error(valueToken, "'" + op.keyword() + "' cannot compare booleans or null");
    }
    return new ScimFilter.Compare(path, op, value);
  }

  private AttributePath attributePath(Token name, boolean inValuePath) {
    AttributePath path;
    try {
      path = AttributePath.parse(name.text());
    } catch (ScimException e) {
      throw lexer.error(name, "expected an attribute path");
    }
    if (inValuePath && (path.schemaUri() != null || path.subAttribute() != null)) {
      throw lexer.error(name, "inside '[...]' name a sub-attribute by its simple name");
    }
    return path;
  }

  private JsonNode value(Token token) {
    switch (token.type()) {
      case STRING:
        return TextNode.valueOf(token.text());
      case NUMBER:
        return number(token.text());
      case WORD:
        String word = token.text().toLowerCase(Locale.ROOT);
        if (word.equals("true")) {
          return BooleanNode.TRUE;
        } else if (word.equals("false")) {
          return BooleanNode.FALSE;
        } else if (word.equals("null")) {
          return NullNode.instance;
        }
        break;
      default:
        break;
    }
    throw lexer.error(token, "expected a value: a quoted string, a number, true, false or null");
  }

  private static JsonNode number(String text) {
    if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
      return DecimalNode.valueOf(new BigDecimal(text));
    }
    BigInteger integer = new BigInteger(text);
    if (integer.bitLength() < 32) {
      return IntNode.valueOf(integer.intValue());
    }
    return integer.bitLength() < 64
        ? LongNode.valueOf(integer.longValue())
        : BigIntegerNode.valueOf(integer);
  }

  private static Operator operator(Token token) {
    if (token.type() != TokenType.WORD || token.text().length() != 2) {
      return null;
    }
    for (Operator op : Operator.values()) {
      if (op.keyword().equalsIgnoreCase(token.text())) {
        return op;
      }
    }
    return null;
  }

  private static boolean isOperatorWord(Token token) {
    return token.isWord("pr") || operator(token) != null;
  }

  private void enter(Token token) {
    if (++depth > MAX_DEPTH) {
      throw lexer.error(token, "the filter nests deeper than " + MAX_DEPTH + " levels");
    }
  }
}
