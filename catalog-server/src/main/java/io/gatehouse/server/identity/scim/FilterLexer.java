package io.gatehouse.server.identity.scim;

/**
 * Splits a filter into tokens: words (attribute paths, operators, keywords), JSON strings, JSON
 * numbers and the brackets {@code ( ) [ ]}. Positions are 0-based here and 1-based in messages.
 */
final class FilterLexer {
  enum TokenType {
    WORD,
    STRING,
    NUMBER,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    END
  }

  /** A token; for STRING the text is the decoded value, for the others the source text. */
  record Token(TokenType type, String text, int start) {
    boolean isWord(String word) {
      return type == TokenType.WORD && text.equalsIgnoreCase(word);
    }
  }

  private final String text;
  private int pos;
  private Token lookahead;

  FilterLexer(String text) {
    this.text = text;
  }

  Token peek() {
    if (lookahead == null) {
      lookahead = scan();
    }
    return lookahead;
  }

  Token next() {
    Token token = peek();
    lookahead = null;
    return token;
  }

  /** An invalidFilter error at the token, saying what was expected and what was found. */
  ScimException error(Token token, String expected) {
    return errorAt(token.start(), expected + ", " + describe(token));
  }

  private ScimException errorAt(int position, String message) {
    return ScimException.invalidFilter(
        "Invalid filter at position " + (position + 1) + ": " + message);
  }

  private String describe(Token token) {
    if (token.type() == TokenType.END) {
      return "but the filter ended";
    }
    String source = token.type() == TokenType.STRING ? "\"" + token.text() + "\"" : token.text();
    return "found '" + Snippets.of(source) + "'";
  }

  private Token scan() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    int start = pos;
    if (pos >= text.length()) {
      return new Token(TokenType.END, "", start);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '(':
        return single(TokenType.LPAREN, start);
      case ')':
        return single(TokenType.RPAREN, start);
      case '[':
        return single(TokenType.LBRACKET, start);
      case ']':
        return single(TokenType.RBRACKET, start);
      case '"':
        return string(start);
      default:
        break;
    }
    if (c == '-' || isDigit(c)) {
      return number(start);
    }
    if (isLetter(c) || c == '$') {
      while (pos < text.length() && isWordChar(text.charAt(pos))) {
        pos++;
      }
      return new Token(TokenType.WORD, text.substring(start, pos), start);
    }
    throw errorAt(start, "unexpected character '" + Snippets.of(String.valueOf(c)) + "'");
  }

  private Token single(TokenType type, int start) {
    pos++;
    return new Token(type, text.substring(start, pos), start);
  }

  /** A JSON string (RFC 8259 §7), decoding its escapes. */
  private Token string(int start) {
    StringBuilder value = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return new Token(TokenType.STRING, value.toString(), start);
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char escape = text.charAt(pos++);
      switch (escape) {
        case '"', '\\', '/' -> value.append(escape);
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> value.append(unicodeEscape(pos - 2));
        default -> throw errorAt(pos - 2, "invalid escape '\\" + escape + "' in string");
      }
    }
    throw errorAt(start, "the string starting here is not closed with '\"'");
  }

  private char unicodeEscape(int escapeStart) {
    if (pos + 4 > text.length()) {
      throw errorAt(escapeStart, "a \\u escape needs four hexadecimal digits");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos + i), 16);
      if (digit < 0) {
        throw errorAt(escapeStart, "a \\u escape needs four hexadecimal digits");
      }
      code = code * 16 + digit;
    }
    pos += 4;
    return (char) code;
  }

  /** A JSON number: {@code -? digits [. digits] [(e|E) [+-] digits]}. */
  private Token number(int start) {
    if (text.charAt(pos) == '-') {
      pos++;
    }
    boolean valid = digits();
    if (valid && pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      valid = digits();
    }
    if (valid && pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      valid = digits();
    }
    // A number runs into the next token only through a separator: '12abc' is not a number.
    if (!valid || (pos < text.length() && isWordChar(text.charAt(pos)))) {
      while (pos < text.length() && isWordChar(text.charAt(pos))) {
        pos++;
      }
      throw errorAt(start, "'" + Snippets.of(text.substring(start, pos)) + "' is not a valid number");
    }
    return new Token(TokenType.NUMBER, text.substring(start, pos), start);
  }

  private boolean digits() {
    int start = pos;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    return pos > start;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isWordChar(char c) {
    return isLetter(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '$';
  }
}
