package io.gatehouse.policy;

/** The row filter of a table: the function that decides which rows a reader sees. */
public record RowFilter(Securable table, String function, PolicyExpression expression) {}
