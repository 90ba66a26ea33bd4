package io.gatehouse.server.catalog;

import io.gatehouse.policy.SecurableType;
import io.gatehouse.server.common.GatehouseException;
import jakarta.persistence.EntityManager;
import java.util.Locale;
import java.util.UUID;

/**
 * The isolation mode of catalogs, external locations and storage credentials, stored as OPEN or
 * ISOLATED; the wire says OPEN/ISOLATED for catalogs and ISOLATION_MODE_OPEN/_ISOLATED for the
 * others, as Databricks does, and either spelling is read.
 */
public final class Isolation {
  public static final String OPEN = "OPEN";
  public static final String ISOLATED = "ISOLATED";

  private Isolation() {}

  /** The stored mode for what a request asked; 400 for anything else. */
  public static String parse(String asked) {
    String mode = asked.trim().toUpperCase(Locale.ROOT);
    if (mode.startsWith("ISOLATION_MODE_")) {
      mode = mode.substring("ISOLATION_MODE_".length());
    }
    if (!mode.equals(OPEN) && !mode.equals(ISOLATED)) {
      throw GatehouseException.invalid("Field 'isolation_mode' must be OPEN or ISOLATED (or ISOLATION_MODE_OPEN, "
          + "ISOLATION_MODE_ISOLATED).");
    }
    return mode;
  }

  /** The wire spelling of external locations and storage credentials. */
  public static String wire(String stored) {
    return "ISOLATION_MODE_" + stored;
  }

  /**
   * The mode a securable moves to from {@code current} when a request asks for {@code asked}.
   * A securable being isolated that has no binding yet is bound read-write to {@code workspace},
   * the one isolating it, as Databricks does, so that it stays reachable there.
   */
  public static String change(EntityManager em, SecurableType type, UUID id, String current, String asked, long workspace) {
    String mode = parse(asked);
    if (mode.equals(ISOLATED) && !current.equals(ISOLATED)) {
      bindWhereIsolated(em, type, id, workspace);
    }
    return mode;
  }

  private static void bindWhereIsolated(EntityManager em, SecurableType type, UUID id, long workspace) {
    em.createNativeQuery("INSERT INTO workspace_bindings (securable_type, securable_id, workspace_id, binding_type)"
            + " SELECT ?1, ?2, ?3, 'BINDING_TYPE_READ_WRITE'"
            + " WHERE NOT EXISTS (SELECT 1 FROM workspace_bindings WHERE securable_id = ?2)")
        .setParameter(1, type.name()).setParameter(2, id).setParameter(3, workspace).executeUpdate();
  }
}
