package io.gatehouse.server.sql.parse;

import io.gatehouse.server.sql.parse.DatabricksSqlParser.IdentifierContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.QualifiedNameContext;
import io.gatehouse.server.sql.parse.DatabricksSqlParser.StringLiteralContext;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** The values of names and string literals, with their quotes and escapes resolved. */
final class Literals {

  private Literals() {
  }

  static String identifier(IdentifierContext ctx) {
    TerminalNode quoted = ctx.BACKQUOTED_IDENTIFIER();
    if (quoted == null) {
      return ctx.getText();
    }
    String text = quoted.getText();
    if (text.length() == 2) {
      throw SyntaxErrors.at(quoted.getSymbol(), "a name cannot be empty");
    }
    return text.substring(1, text.length() - 1).replace("``", "`");
  }

  static List<String> parts(QualifiedNameContext ctx) {
    return ctx.identifier().stream().map(Literals::identifier).toList();
  }

  /** Adjacent literals are one string: 'a' 'b' is "ab". */
  static String string(StringLiteralContext ctx) {
    StringBuilder value = new StringBuilder();
    for (TerminalNode literal : ctx.STRING_LITERAL()) {
      value.append(string(literal.getSymbol()));
    }
    return value.toString();
  }

  static String string(Token literal) {
    String text = literal.getText();
    boolean raw = text.charAt(0) == 'r' || text.charAt(0) == 'R';
    String quoted = raw ? text.substring(1) : text;
    char quote = quoted.charAt(0);
    String body = quoted.substring(1, quoted.length() - 1);
    return raw ? body.replace("" + quote + quote, "" + quote) : unescape(body, quote);
  }

  /**
   * Databricks' escapes: a doubled quote is a quote; backslash with 0 b n r t Z stands for the
   * control character, with u and four hex digits or U and eight for a code point, with three
   * octal digits for a byte value; backslash-% and backslash-_ keep their backslash, which LIKE
   * reads; a backslash before anything else is dropped.
   */
  static String unescape(String body, char quote) {
    StringBuilder value = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == quote && i + 1 < body.length() && body.charAt(i + 1) == quote) {
        value.append(quote);
        i += 2;
      } else if (c == '\\' && i + 1 < body.length()) {
        i = escape(body, i + 1, value);
      } else {
        value.append(c);
        i++;
      }
    }
    return value.toString();
  }

  // Appends the escape starting after the backslash at `at`; returns the index after it.
  private static int escape(String body, int at, StringBuilder value) {
    char c = body.charAt(at);
    if (c == 'u' && hexDigits(body, at + 1, 4)) {
      value.append((char) Integer.parseInt(body.substring(at + 1, at + 5), 16));
      return at + 5;
    }
    if (c == 'U' && hexDigits(body, at + 1, 8)) {
      long codePoint = Long.parseLong(body.substring(at + 1, at + 9), 16);
      if (codePoint <= Character.MAX_CODE_POINT) {
        value.appendCodePoint((int) codePoint);
        return at + 9;
      }
    }
    if (at + 2 < body.length() && c >= '0' && c <= '3' && octal(body.charAt(at + 1)) && octal(body.charAt(at + 2))) {
      value.append((char) Integer.parseInt(body.substring(at, at + 3), 8));
      return at + 3;
    }
    switch (c) {
      case '0' -> value.append('\u0000');
      case 'b' -> value.append('\b');
      case 'n' -> value.append('\n');
      case 'r' -> value.append('\r');
      case 't' -> value.append('\t');
      case 'Z' -> value.append('\u001A');
      case '%' -> value.append("\\%");
      case '_' -> value.append("\\_");
      default -> value.append(c);
    }
    return at + 1;
  }

  private static boolean hexDigits(String body, int from, int count) {
    if (from + count > body.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      if (Character.digit(body.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean octal(char c) {
    return c >= '0' && c <= '7';
  }
}
