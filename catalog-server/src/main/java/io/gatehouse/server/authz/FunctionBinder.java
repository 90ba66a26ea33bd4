package io.gatehouse.server.authz;

import io.gatehouse.policy.PolicyExpression;

/**
 * Turns a stored row filter or column mask into the expression the snapshot hands engines. The
 * grammar of function bodies belongs to the SQL front end, which provides this bean; the policy
 * store only reads the rows and hands them over as they are stored.
 */
public interface FunctionBinder {
  /**
   * A row filter: {@code function} (its full name), whose stored definition is {@code
   * definitionJson}, called with the stored JSON list of arguments. Fails closed to FALSE.
   */
  PolicyExpression rowFilter(String function, String definitionJson, String argumentsJson);

  /**
   * A column mask on {@code column}: the column first, then the stored USING COLUMNS arguments.
   * Fails closed to NULL.
   */
  PolicyExpression mask(String function, String definitionJson, String column, String usingColumnsJson);
}
