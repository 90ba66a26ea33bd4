package io.gatehouse.policy;

/**
 * More than one row filter applies to a reader of a table, or more than one mask to a column
 * (Databricks allows one of each): the read fails closed. The message names the policies and is
 * safe to show.
 */
public final class PolicyConflictException extends RuntimeException {
  public PolicyConflictException(String message) {
    super(message, null, false, false);
  }
}
