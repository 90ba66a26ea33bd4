package io.gatehouse.server.sql.parse;

import java.util.Locale;
import java.util.Set;

/** Words that cannot stand as plain names in Gatehouse's SQL. */
final class Keywords {
  /** The grammar's reserved keywords: every keyword not in its nonReserved rule. */
  static final Set<String> RESERVED = Set.of(
      "AND", "BETWEEN", "CASE", "CAST", "ELSE", "END", "FALSE", "FROM", "IN", "IS", "LIKE", "NOT", "NULL", "ON",
      "OR", "THEN", "TO", "TRUE", "WHEN");

  /** Functions that Spark calls without parentheses; written plain, they are calls, not columns. */
  static final Set<String> NILADIC_FUNCTIONS = Set.of("current_user", "current_date", "current_timestamp",
      "session_user");

  private Keywords() {
  }

  static boolean mustQuote(String word) {
    return RESERVED.contains(word.toUpperCase(Locale.ROOT))
        || NILADIC_FUNCTIONS.contains(word.toLowerCase(Locale.ROOT));
  }
}
