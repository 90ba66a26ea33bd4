package io.gatehouse.policy;

/**
 * The row filter of a table: the function that decides which rows a reader sees; {@code policy}
 * names the attribute-based policy it comes from ({@code name on catalog main}), null for the
 * table's own filter.
 */
public record RowFilter(Securable table, String function, PolicyExpression expression, String policy) {
  public RowFilter(Securable table, String function, PolicyExpression expression) {
    this(table, function, expression, null);
  }
}
