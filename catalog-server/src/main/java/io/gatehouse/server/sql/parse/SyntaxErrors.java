package io.gatehouse.server.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Builds {@link SqlSyntaxException}s at a token, naming expected tokens as a reader knows them. */
final class SyntaxErrors {
  private static final Vocabulary VOCABULARY = DatabricksSqlParser.VOCABULARY;
  private static final IntervalSet NON_RESERVED = nonReserved();

  private SyntaxErrors() {
  }

  /** An error at a token for a reason of our own: a repeated clause, a name with too many parts. */
  static SqlSyntaxException at(Token token, String reason) {
    return at(token, reason, List.of());
  }

  /** An error about a whole part of a statement, shown as written: a name with too many parts. */
  static SqlSyntaxException at(ParserRuleContext ctx, String reason) {
    Token start = ctx.getStart();
    String text = start.getInputStream().getText(Interval.of(start.getStartIndex(), ctx.getStop().getStopIndex()));
    return new SqlSyntaxException(start.getLine(), start.getCharPositionInLine() + 1, text, false, reason, List.of(),
        null);
  }

  static SqlSyntaxException at(Token token, String reason, List<String> expected) {
    boolean end = token.getType() == Token.EOF;
    return new SqlSyntaxException(token.getLine(), token.getCharPositionInLine() + 1, end ? null : token.getText(),
        end, reason, expected, null);
  }

  /** The parser could not go on at this token; expected is what it could have taken there. */
  static SqlSyntaxException unexpected(Token token, IntervalSet expected) {
    switch (token.getType()) {
      case DatabricksSqlLexer.UNTERMINATED_STRING:
        return at(token, "unterminated string literal");
      case DatabricksSqlLexer.UNTERMINATED_IDENTIFIER:
        return at(token, "unterminated quoted identifier");
      case DatabricksSqlLexer.UNRECOGNIZED:
        return at(token, "unexpected character; names with characters other than letters, digits and _ "
            + "are written in backquotes");
      default:
        List<String> names = describe(expected);
        if (names.isEmpty()) {
          return at(token, "unexpected input");
        }
        String reason = names.size() == 1 ? "expected " + names.get(0) : "expected one of " + String.join(", ", names);
        return at(token, reason, names);
    }
  }

  /**
   * Expected token types as words: keywords by name, then identifier, string, number, then
   * symbols in quotes, then end of input. Where any name may stand, the keywords that can be
   * names are not listed one by one.
   */
  static List<String> describe(IntervalSet expected) {
    boolean identifier = expected.contains(DatabricksSqlLexer.IDENTIFIER)
        || expected.contains(DatabricksSqlLexer.BACKQUOTED_IDENTIFIER);
    TreeSet<String> keywords = new TreeSet<>();
    List<String> symbols = new ArrayList<>();
    boolean string = false;
    boolean integer = false;
    boolean number = false;
    boolean end = false;
    for (int type : expected.toList()) {
      switch (type) {
        case Token.EOF -> end = true;
        case DatabricksSqlLexer.IDENTIFIER, DatabricksSqlLexer.BACKQUOTED_IDENTIFIER -> { }
        case DatabricksSqlLexer.STRING_LITERAL -> string = true;
        case DatabricksSqlLexer.INTEGER_VALUE -> integer = true;
        case DatabricksSqlLexer.NUMBER_VALUE -> number = true;
        case DatabricksSqlLexer.EQ -> symbols.add("'='");
        case DatabricksSqlLexer.NEQ -> symbols.add("'<>'");
        default -> {
          String literal = VOCABULARY.getLiteralName(type);
          if (literal == null) {
            continue;
          }
          String text = literal.substring(1, literal.length() - 1);
          if (!Character.isLetter(text.charAt(0))) {
            symbols.add(literal);
          } else if (!(identifier && NON_RESERVED.contains(type))) {
            keywords.add(text);
          }
        }
      }
    }
    List<String> names = new ArrayList<>(keywords);
    if (identifier) {
      names.add("identifier");
    }
    if (string) {
      names.add("string");
    }
    if (number) {
      names.add("number");
    } else if (integer) {
      names.add("integer");
    }
    names.addAll(symbols);
    if (end) {
      names.add("end of input");
    }
    return names;
  }

  private static IntervalSet nonReserved() {
    ATN atn = DatabricksSqlParser._ATN;
    return atn.nextTokens(atn.ruleToStartState[DatabricksSqlParser.RULE_nonReserved]);
  }
}
