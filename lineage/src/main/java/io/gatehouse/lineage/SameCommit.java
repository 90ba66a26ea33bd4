package io.gatehouse.lineage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows that another part of the system writes with submitted events, in the same statement and so
 * in the same commit: the server writes the audit record of each accepted event this way, so
 * that an event is stored exactly when its record is, in one round trip (see {@link
 * LineageIngest#submit(String, SameCommit, Object)}).
 *
 * @param <T> one row, attached to one submitted event
 */
public interface SameCommit<T> {
  /**
   * One statement that writes the rows of a group, taking them as array parameters: its text must
   * not depend on how many rows there are, so that the database plans it once.
   */
  String sql();

  /** Binds {@code rows} from parameter {@code first} on; returns how many parameters it set. */
  int bind(Connection connection, PreparedStatement statement, int first, List<T> rows) throws SQLException;
}
