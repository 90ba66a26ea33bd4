package io.gatehouse.server.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What PostgreSQL plans and counts, for tests that assert on the database itself. */
public final class SqlProbes {
  private SqlProbes() {}

  /** {@code sql} with its JDBC placeholders numbered as PREPARE wants them. */
  public static String numbered(String sql) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        out.append('$').append(++n);
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  /** The plan an {@code EXPLAIN ...} statement prints, its lines joined. */
  public static String plan(Connection c, String explain) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(explain); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return String.join("\n", lines);
  }

  /** The single number {@code query} answers, its placeholders bound to {@code values} in order. */
  public static long count(Connection c, String query, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(query)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** How many SIGN_IN tokens of {@code user} are committed, as another connection sees them. */
  public static long signInTokens(Connection c, String user) throws SQLException {
    return count(c, "SELECT count(*) FROM tokens t JOIN principals p ON p.id = t.principal_id"
        + " WHERE p.name = ? AND t.kind = 'SIGN_IN'", user);
  }
}
