package io.gatehouse.server.sql.parse;

/**
 * Where a statement was written in its script: its text (without the separating semicolon) and
 * the line and column of its first character, both counted from 1.
 */
public record SourceSpan(String text, int line, int column) {
}
