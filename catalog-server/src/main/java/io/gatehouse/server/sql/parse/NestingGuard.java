package io.gatehouse.server.sql.parse;

import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Refuses input nested deeper than {@link SqlParser#MAX_NESTING} before the parser sees it: the
 * parser descends once per parenthesis, CASE, type argument and prefix operator, and a few
 * thousand would overflow its stack.
 */
final class NestingGuard {

  private NestingGuard() {
  }

  static void check(List<Token> tokens) {
    int depth = 0;
    int typeDepth = 0;
    int prefixRun = 0;
    int previous = Token.INVALID_TYPE;
    for (Token token : tokens) {
      if (token.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      int type = token.getType();
      switch (type) {
        case DatabricksSqlLexer.LEFT_PAREN, DatabricksSqlLexer.CASE -> depth++;
        case DatabricksSqlLexer.RIGHT_PAREN, DatabricksSqlLexer.END -> depth = Math.max(0, depth - 1);
        case DatabricksSqlLexer.LT -> {
          if (previous == DatabricksSqlLexer.ARRAY || previous == DatabricksSqlLexer.MAP
              || previous == DatabricksSqlLexer.STRUCT) {
            depth++;
            typeDepth++;
          }
        }
        case DatabricksSqlLexer.GT -> {
          if (typeDepth > 0) {
            depth--;
            typeDepth--;
          }
        }
        default -> { }
      }
      boolean prefix = type == DatabricksSqlLexer.NOT || type == DatabricksSqlLexer.MINUS
          || type == DatabricksSqlLexer.PLUS;
      prefixRun = prefix ? prefixRun + 1 : 0;
      if (depth > SqlParser.MAX_NESTING || prefixRun > SqlParser.MAX_NESTING) {
        throw SyntaxErrors.at(token, "nested too deeply: more than " + SqlParser.MAX_NESTING + " levels");
      }
      previous = type;
    }
  }
}
