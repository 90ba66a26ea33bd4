package io.gatehouse.server.sql.parse;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dotted name of one to three parts ({@code catalog.schema.table}), each part as written with
 * its backquotes removed. Unity Catalog stores names in lower case; {@link #canonical()} gives
 * that form, and the executor decides when to use it.
 */
public record QualifiedName(List<String> parts) {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public QualifiedName {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("A name has at least one part.");
    }
  }

  public static QualifiedName of(String... parts) {
    return new QualifiedName(List.of(parts));
  }

  public int size() {
    return parts.size();
  }

  public String part(int index) {
    return parts.get(index);
  }

  public String last() {
    return parts.get(parts.size() - 1);
  }

  /** The name without its last part, or null for a one-part name: a column's table, a table's schema. */
  public QualifiedName parent() {
    return parts.size() == 1 ? null : new QualifiedName(parts.subList(0, parts.size() - 1));
  }

  public List<String> canonicalParts() {
    return parts.stream().map(part -> part.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableList());
  }

  public String canonical() {
    return String.join(".", canonicalParts());
  }

  /** The name as Databricks SQL, each part backquoted unless it is a plain, non-reserved word. */
  public String toSql() {
    return parts.stream().map(QualifiedName::quoteIfNeeded).collect(Collectors.joining("."));
  }

  private static final ThreadLocal<Boolean> QUOTE_COLUMNS = ThreadLocal.withInitial(() -> false);

  /**
   * What {@code render} returns with every column name backquoted: engines parse it as Spark SQL,
   * whose keywords are not this grammar's ({@code order} needs no quotes here, but does there).
   */
  public static String quotingColumns(java.util.function.Supplier<String> render) {
    boolean before = QUOTE_COLUMNS.get();
    QUOTE_COLUMNS.set(true);
    try {
      return render.get();
    } finally {
      QUOTE_COLUMNS.set(before);
    }
  }

  /** A column's name part: as {@link #quoteIfNeeded}, or always backquoted inside {@link #quotingColumns}. */
  static String quoteColumn(String part) {
    return QUOTE_COLUMNS.get() ? "`" + part.replace("`", "``") + "`" : quoteIfNeeded(part);
  }

  /** A name part as SQL: backquoted unless it is a plain word that reads back as the same name. */
  public static String quoteIfNeeded(String part) {
    if (PLAIN.matcher(part).matches() && !Keywords.mustQuote(part)) {
      return part;
    }
    return "`" + part.replace("`", "``") + "`";
  }

  @Override
  public String toString() {
    return String.join(".", parts);
  }
}
