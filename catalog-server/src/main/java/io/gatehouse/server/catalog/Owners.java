package io.gatehouse.server.catalog;

import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.PrincipalEntity;

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
}
