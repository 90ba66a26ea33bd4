package io.gatehouse.server.identity.scim;

import java.util.Objects;

/**
 * Where a filterable SCIM attribute lives in SQL.
 *
 * @param expression a SQL expression for the value, e.g. {@code p.user_name} or {@code
 *     e->>'value'}; trusted text from the server, never from a client
 * @param kind how values compare and bind
 * @param caseExact true to compare strings exactly; false (the SCIM default) compares via {@code
 *     lower()}
 * @param multiValuedTemplate null for a single-valued column; otherwise a {@link
 *     String#format(String, Object...)} template with one {@code %s} where the condition on one
 *     element goes, e.g. {@code EXISTS (SELECT 1 FROM jsonb_array_elements(p.scim->'emails') e
 *     WHERE %s)}; it must not contain {@code ?} placeholders
 */
public record ScimColumn(
    String expression, Kind kind, boolean caseExact, String multiValuedTemplate) {
  public enum Kind {
    STRING,
    BOOLEAN,
    TIMESTAMP,
    NUMBER
  }

  public ScimColumn {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(kind, "kind");
  }

  /** A single-valued, case-insensitive column. */
  public static ScimColumn of(String expression, Kind kind) {
    return new ScimColumn(expression, kind, false, null);
  }

  /** One value of a multi-valued attribute, compared inside {@code template}. */
  public static ScimColumn multiValued(String expression, Kind kind, String template) {
    return new ScimColumn(expression, kind, false, Objects.requireNonNull(template, "template"));
  }
}
