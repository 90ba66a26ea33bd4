package io.gatehouse.server.sql.parse;

import java.util.List;

/**
 * A column mask: the function whose result a reader sees instead of the column's value. It is
 * called with the column itself, then with these further columns and constants.
 */
public record ColumnMask(QualifiedName function, List<Expression> usingColumns) {
  public ColumnMask {
    usingColumns = List.copyOf(usingColumns);
  }
}
