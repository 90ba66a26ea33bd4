package io.gatehouse.server.sql.parse;

import java.util.List;

/**
 * A script that is not valid SQL for Gatehouse, with where and why:
 * {@code Syntax error at line 1, column 15 near 'TABL': expected one of CATALOG, SCHEMA, ...}.
 * Line and column count from 1, the column in characters as a reader counts them.
 */
public final class SqlSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_TOKEN_LENGTH = 40;

  private final int line;
  private final int column;
  private final String token;
  private final boolean endOfInput;
  private final String reason;
  private final List<String> expected;

  /**
   * @param token the text where the error is; null at the end of the input or when no single
   *     token is to blame
   * @param endOfInput whether the error is that the input ended
   * @param reason what is wrong, e.g. "expected one of CATALOG, SCHEMA"
   * @param expected what could have stood there (empty when the error is not about that)
   */
  public SqlSyntaxException(int line, int column, String token, boolean endOfInput, String reason,
      List<String> expected, Throwable cause) {
    super(message(line, column, token, endOfInput, reason), cause);
    this.line = line;
    this.column = column;
    this.token = token;
    this.endOfInput = endOfInput;
    this.reason = reason;
    this.expected = List.copyOf(expected);
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The offending text; null at the end of the input or when no single token is to blame. */
  public String token() {
    return token;
  }

  public boolean endOfInput() {
    return endOfInput;
  }

  /** The message after the position: "expected one of ...", "COMMENT is given twice". */
  public String reason() {
    return reason;
  }

  /** What the parser could have accepted there, as shown in the message; may be empty. */
  public List<String> expected() {
    return expected;
  }

  private static String message(int line, int column, String token, boolean endOfInput, String reason) {
    String where = endOfInput ? " at end of input" : token == null ? "" : " near '" + shorten(token) + "'";
    return "Syntax error at line " + line + ", column " + column + where + ": " + reason;
  }

  // The message may reach a client and a log: keep it one line and short.
  private static String shorten(String token) {
    StringBuilder shown = new StringBuilder();
    token.codePoints().limit(MAX_TOKEN_LENGTH).forEach(c -> {
      if (Character.isISOControl(c)) {
        shown.append(String.format("\\u%04x", c));
      } else {
        shown.appendCodePoint(c);
      }
    });
    if (token.codePointCount(0, token.length()) > MAX_TOKEN_LENGTH) {
      shown.append("...");
    }
    return shown.toString();
  }
}
