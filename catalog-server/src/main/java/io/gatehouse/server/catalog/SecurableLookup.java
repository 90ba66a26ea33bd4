package io.gatehouse.server.catalog;

import io.gatehouse.policy.SecurableType;

/**
 * Finds securables of the kinds that other packages own (external locations, storage
 * credentials), so that {@link SecurableResolver} serves every kind without depending on them.
 */
public interface SecurableLookup {
  boolean handles(SecurableType type);

  /** The securable of {@code type} named {@code name}, or a 404. */
  SecurableResolver.Resolved resolve(SecurableType type, String name);
}
