package io.gatehouse.server.identity;

import java.util.Map;
import java.util.Set;

/**
 * Settings of {@code /api/2.0/workspace-conf} that a part of the server owns: their keys, which
 * values are valid, and which changes must be refused. Identity owns the token settings ({@link
 * TokenPolicy}); parts above identity implement this for their own (the IP access lists).
 */
public interface WorkspaceConfKeys {
  Set<String> keys();

  /** Throws a 400 GatehouseException naming the key when {@code value} is not valid for it. */
  void validate(String key, String value);

  /**
   * Called in the transaction that writes a change, with every setting as it will be; throws to
   * refuse the change (for one that would lock the caller out).
   */
  default void check(long workspace, Map<String, String> after) {}
}
