package io.gatehouse.policy;

/** The mask of one column: the function whose result readers see in place of the value. */
public record ColumnMask(Securable table, String column, String function, PolicyExpression expression) {
  public ColumnMask {
    column = column.toLowerCase(java.util.Locale.ROOT);
  }
}
