package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A condition over tags, as Databricks' policies write them in WHEN and MATCH COLUMNS:
 * {@code hasTag('key')}, {@code hasTagValue('key', 'value')} (also spelled {@code has_tag},
 * {@code has_tag_value}), combined with AND, OR, NOT and parentheses. Keys compare ignoring case,
 * values exactly. Tags are given with lower-case keys.
 */
public sealed interface TagCondition {
  boolean matches(Map<String, String> tags);

  /** The condition as it is written back (SHOW and DESCRIBE POLICY, the REST API). */
  String sql();

  record HasTag(String key) implements TagCondition {
    public boolean matches(Map<String, String> tags) {
      return tags.containsKey(key.toLowerCase(Locale.ROOT));
    }

    public String sql() {
      return "hasTag(" + quote(key) + ")";
    }
  }

  record HasTagValue(String key, String value) implements TagCondition {
    public boolean matches(Map<String, String> tags) {
      return value.equals(tags.get(key.toLowerCase(Locale.ROOT)));
    }

    public String sql() {
      return "hasTagValue(" + quote(key) + ", " + quote(value) + ")";
    }
  }

  record Not(TagCondition operand) implements TagCondition {
    public boolean matches(Map<String, String> tags) {
      return !operand.matches(tags);
    }

    public String sql() {
      return "NOT " + operand.sql();
    }
  }

  record And(TagCondition left, TagCondition right) implements TagCondition {
    public boolean matches(Map<String, String> tags) {
      return left.matches(tags) && right.matches(tags);
    }

    public String sql() {
      return "(" + left.sql() + " AND " + right.sql() + ")";
    }
  }

  record Or(TagCondition left, TagCondition right) implements TagCondition {
    public boolean matches(Map<String, String> tags) {
      return left.matches(tags) || right.matches(tags);
    }

    public String sql() {
      return "(" + left.sql() + " OR " + right.sql() + ")";
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Parses {@code text}; an {@link IllegalArgumentException} says what is wrong, safe to show. */
  static TagCondition parse(String text) {
    Parser p = new Parser(tokens(text));
    TagCondition c = p.or();
    if (p.at < p.tokens.size()) {
      throw new IllegalArgumentException("Unexpected '" + p.tokens.get(p.at) + "' in condition.");
    }
    return c;
  }

  private static List<String> tokens(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A condition may not be empty.");
    }
    if (text.length() > 4096) {
      throw new IllegalArgumentException("A condition may have at most 4096 characters.");
    }
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == ',') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (c == '\'' || c == '"') {
        StringBuilder s = new StringBuilder("'");
        int j = i + 1;
        boolean closed = false;
        while (j < text.length()) {
          char d = text.charAt(j);
          if (d == '\\' && j + 1 < text.length()) {
            s.append(text.charAt(j + 1));
            j += 2;
          } else if (d == c && j + 1 < text.length() && text.charAt(j + 1) == c) {
            s.append(c); // a doubled quote stands for one
            j += 2;
          } else if (d == c) {
            closed = true;
            break;
          } else {
            s.append(d);
            j++;
          }
        }
        if (!closed) {
          throw new IllegalArgumentException("A string in the condition is not closed.");
        }
        tokens.add(s.toString());
        i = j + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
          j++;
        }
        tokens.add(text.substring(i, j));
        i = j;
      } else {
        throw new IllegalArgumentException("Unexpected '" + c + "' in condition.");
      }
    }
    return tokens;
  }

  /** Recursive descent: OR over AND over NOT over a call or a parenthesized condition. */
  final class Parser {
    private final List<String> tokens;
    private int at;
    private int depth;

    private Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    private TagCondition or() {
      TagCondition left = and();
      while (word("OR")) {
        left = new Or(left, and());
      }
      return left;
    }

    private TagCondition and() {
      TagCondition left = not();
      while (word("AND")) {
        left = new And(left, not());
      }
      return left;
    }

    private TagCondition not() {
      if (word("NOT")) {
        return new Not(not());
      }
      if (symbol("(")) {
        if (++depth > 64) {
          throw new IllegalArgumentException("A condition may nest at most 64 deep.");
        }
        TagCondition inner = or();
        expect(")");
        depth--;
        return inner;
      }
      String name = next().toLowerCase(Locale.ROOT);
      boolean value = switch (name) {
        case "hastag", "has_tag" -> false;
        case "hastagvalue", "has_tag_value" -> true;
        default -> throw new IllegalArgumentException(
            "A condition calls hasTag('key') or hasTagValue('key', 'value'), not '" + name + "'.");
      };
      expect("(");
      String key = string();
      if (!value) {
        expect(")");
        return new HasTag(key);
      }
      expect(",");
      String v = string();
      expect(")");
      return new HasTagValue(key, v);
    }

    private String string() {
      String t = next();
      if (!t.startsWith("'")) {
        throw new IllegalArgumentException("Expected a string, not '" + t + "'.");
      }
      String s = t.substring(1);
      if (s.isEmpty()) {
        throw new IllegalArgumentException("A tag key or value in a condition may not be empty.");
      }
      return s;
    }

    private String next() {
      if (at >= tokens.size()) {
        throw new IllegalArgumentException("The condition ends too early.");
      }
      return tokens.get(at++);
    }

    private boolean word(String w) {
      if (at < tokens.size() && tokens.get(at).equalsIgnoreCase(w)) {
        at++;
        return true;
      }
      return false;
    }

    private boolean symbol(String s) {
      if (at < tokens.size() && tokens.get(at).equals(s)) {
        at++;
        return true;
      }
      return false;
    }

    private void expect(String s) {
      if (!symbol(s)) {
        throw new IllegalArgumentException("Expected '" + s + "' in condition" + (at < tokens.size() ? ", not '" + tokens.get(at) + "'." : "."));
      }
    }
  }
}
