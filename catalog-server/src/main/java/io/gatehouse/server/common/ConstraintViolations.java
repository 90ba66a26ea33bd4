package io.gatehouse.server.common;

import java.sql.SQLException;
import java.util.Locale;

/**
 * What a violated database constraint means to the caller. Services check before they write and
 * name the object; these are the races they cannot see, where the database decides: a unique key
 * taken meanwhile (409), a parent deleted meanwhile (404), a row deleted while something new came
 * to use it (400 FAILED_PRECONDITION, as services answer "in use"), and a value only a check or
 * not-null constraint refuses (400). Messages never name a table, column or constraint.
 */
public final class ConstraintViolations {
  private ConstraintViolations() {}

  /** The answer for {@code e} if a constraint violation caused it; null otherwise. */
  public static GatehouseException translate(Throwable e) {
    SQLException sql = find(e, SQLException.class);
    String state = sql == null ? null : sql.getSQLState();
    if (state == null || !state.startsWith("23")) {
      return null;
    }
    return switch (state) {
      case "23505", "23P01" -> new GatehouseException(ErrorCode.ALREADY_EXISTS,
          "The request conflicts with an object that was created concurrently; retry to see it.");
      case "23503" -> deleting(e)
          ? GatehouseException.failedPrecondition(
              "The object came into use by another that was created concurrently; remove that first.")
          : GatehouseException.notFound(
              "An object the request refers to was deleted concurrently; it no longer exists.");
      case "23502", "23514" -> GatehouseException.invalid("The request holds a value the catalog cannot store.");
      default -> GatehouseException.failedPrecondition("The request conflicts with a concurrent change; retry it.");
    };
  }

  // A foreign key refuses two things: a row whose parent is missing (an insert or update), and
  // the delete of a row that is still referenced. PostgreSQL reports both with one SQLSTATE and
  // names the referencing table in both; the statement tells them apart.
  private static boolean deleting(Throwable e) {
    org.hibernate.JDBCException jdbc = find(e, org.hibernate.JDBCException.class);
    String statement = jdbc == null ? null : jdbc.getSQL();
    return statement != null && statement.stripLeading().toLowerCase(Locale.ROOT).startsWith("delete");
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
