package io.gatehouse.server.sql.parse;

import java.util.List;

/**
 * A row filter: the function that decides which rows a reader sees, called with these columns
 * ({@link Expression.ColumnRef}) and constants ({@link Expression} literals).
 */
public record RowFilter(QualifiedName function, List<Expression> arguments) {
  public RowFilter {
    arguments = List.copyOf(arguments);
  }
}
