package io.gatehouse.server.identity.scim;

/** Short, printable excerpts of client input for error messages. */
final class Snippets {
  private static final int MAX = 40;

  private Snippets() {}

  /** The text cut to a readable length, control characters replaced, so messages stay small. */
  static String of(String text) {
    String cut = text.length() > MAX ? text.substring(0, MAX) + "..." : text;
    StringBuilder out = new StringBuilder(cut.length());
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }
}
