package io.gatehouse.server.sql.parse;

import io.gatehouse.server.sql.parse.DatabricksSqlParser.ScriptContext;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Parses a script of Databricks SQL statements for Gatehouse's SQL endpoint (docs/sql.md): the
 * statements separated by semicolons, a trailing one allowed, {@code --} and {@code /* *}{@code /}
 * comments anywhere. Thread-safe; every call works on its own parser.
 */
public final class SqlParser {
  /** How deep parentheses, CASEs, nested types and expressions may go. */
  public static final int MAX_NESTING = 200;

  private SqlParser() {
  }

  /**
   * The script's statements in order; an empty list for a script of only comments and
   * semicolons.
   *
   * @throws SqlSyntaxException for the first error in the script, and for nothing else: no
   *     parser exception escapes
   */
  public static List<Statement> parse(String script) {
    if (script == null) {
      throw new SqlSyntaxException(1, 1, null, true, "no SQL was given", List.of(), null);
    }
    try {
      return parseScript(script);
    } catch (SqlSyntaxException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new SqlSyntaxException(1, 1, null, false, "the script is too deeply nested to parse", List.of(), e);
    } catch (RuntimeException e) {
      throw new SqlSyntaxException(1, 1, null, false, "the script could not be parsed", List.of(), e);
    }
  }

  private static List<Statement> parseScript(String script) {
    CharStream input = CharStreams.fromString(script);
    DatabricksSqlLexer lexer = new DatabricksSqlLexer(input);
    lexer.removeErrorListeners();
    lexer.addErrorListener(FailOnReport.INSTANCE);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    Token unclosedComment = unclosedComment(tokens.getTokens());
    NestingGuard.check(tokens.getTokens());

    DatabricksSqlParser parser = new DatabricksSqlParser(tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(FailOnReport.INSTANCE);
    parser.setInterpreter(new ExactErrorSimulator(parser));
    parser.setErrorHandler(new FirstErrorStrategy());
    ScriptContext tree;
    try {
      tree = parser.script();
    } catch (SqlSyntaxException e) {
      // A comment left open swallows the rest of the script: the input seems to end too soon.
      if (unclosedComment != null && e.endOfInput()) {
        throw SyntaxErrors.at(unclosedComment, "unterminated comment");
      }
      throw e;
    }
    if (unclosedComment != null) {
      throw SyntaxErrors.at(unclosedComment, "unterminated comment");
    }
    StatementBuilder builder = new StatementBuilder(input, tokens);
    List<Statement> statements = new ArrayList<>(tree.statement().size());
    for (DatabricksSqlParser.StatementContext statement : tree.statement()) {
      statements.add(builder.build(statement));
    }
    return List.copyOf(statements);
  }

  // Block comments nest, so an open one ends the input with more /* than */.
  private static Token unclosedComment(List<Token> tokens) {
    for (Token token : tokens) {
      if (token.getType() == DatabricksSqlLexer.BLOCK_COMMENT && !balanced(token.getText())) {
        return token;
      }
    }
    return null;
  }

  private static boolean balanced(String comment) {
    int depth = 0;
    int i = 0;
    while (i < comment.length() - 1) {
      if (comment.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (comment.startsWith("*/", i)) {
        depth--;
        i += 2;
      } else {
        i++;
      }
    }
    return depth == 0;
  }

  /** ANTLR reports through listeners only what FirstErrorStrategy did not throw; never expected. */
  private static final class FailOnReport extends BaseErrorListener {
    static final FailOnReport INSTANCE = new FailOnReport();

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
        String msg, RecognitionException e) {
      String token = offendingSymbol instanceof Token symbol ? symbol.getText() : null;
      throw new SqlSyntaxException(line, charPositionInLine + 1, token, false, "unexpected input", List.of(), e);
    }
  }
}
