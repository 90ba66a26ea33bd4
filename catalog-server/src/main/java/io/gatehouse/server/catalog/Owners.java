package io.gatehouse.server.catalog;

import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.PrincipalEntity;
import java.util.function.Supplier;

/** Owners set over the API: always an existing user, group or service principal, never a dangling name. */
public final class Owners {
  private Owners() {}

  /**
   * The principal {@code value} names, as it is spelled in the directory, or null when no owner
   * is asked for. A name that no principal has is refused (404), so that nobody created later
   * under that name inherits the ownership.
   */
  public static String existing(String field, String value) {
    if (Validation.principal(field, value) == null) {
      return null;
    }
    PrincipalEntity principal = PrincipalEntity.findByName(value);
    if (principal == null) {
      throw GatehouseException.notFound("Field '" + field + "' names principal '" + Validation.printable(value)
          + "', which does not exist.");
    }
    return principal.name;
  }

  /**
   * The owner change of an update: when {@code requested} names an owner other than the current
   * one, {@code entity} gets it and the change is audited against {@code target}, the securable
   * as it is after the change. The caller has already checked that it may manage the object.
   */
  static void transfer(SecurableEntity entity, String requested, Supplier<Target> target, AuditTrail trail) {
    if (requested != null && !requested.equals(entity.owner)) {
      String previous = entity.owner;
      entity.owner = existing("owner", requested);
      trail.succeeded("CHANGE_OWNER", target.get(), "from " + previous + " to " + entity.owner);
    }
  }
}
