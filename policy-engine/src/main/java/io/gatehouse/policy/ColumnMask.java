package io.gatehouse.policy;

/**
 * The mask of one column: the function whose result readers see in place of the value; {@code
 * policy} names the attribute-based policy it comes from, null for the column's own mask.
 */
public record ColumnMask(Securable table, String column, String function, PolicyExpression expression, String policy) {
  public ColumnMask {
    column = column.toLowerCase(java.util.Locale.ROOT);
  }

  public ColumnMask(Securable table, String column, String function, PolicyExpression expression) {
    this(table, column, function, expression, null);
  }
}
