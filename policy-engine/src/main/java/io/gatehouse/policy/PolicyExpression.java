package io.gatehouse.policy;

/**
 * The body of a row filter or column mask function, bound to a table's columns. Ranger holds its
 * {@link #source()} in a row-filter or data-mask policy and finds the one in force for a request;
 * the server then renders it for the requesting principal, which settles the calls that depend
 * on who asks ({@code current_user()}, {@code is_account_group_member('g')}) as Databricks does.
 */
public interface PolicyExpression {
  /** The expression as stored, with the function's parameters replaced by the bound columns. */
  String source();

  /** The SQL expression that engines apply for {@code subject}. */
  String sqlFor(Subject subject);
}
