package io.gatehouse.client;

import java.util.Locale;

/** The kinds of securable the permissions API takes, with the name it has in paths. */
public enum SecurableType {
  METASTORE, CATALOG, SCHEMA, TABLE, VOLUME, FUNCTION, REGISTERED_MODEL;

  /** {@code catalog}, {@code schema}, ...: the path segment of the permissions API. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads {@code table}, {@code TABLE}, {@code view} (a table), {@code database} (a schema) and
   * {@code model} (a registered model).
   */
  public static SecurableType parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "VIEW" -> TABLE;
      case "DATABASE" -> SCHEMA;
      case "MODEL" -> REGISTERED_MODEL;
      default -> {
        try {
          yield valueOf(t);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("Unknown securable type '" + text
              + "'; expected one of metastore, catalog, schema, table, volume, function, model.");
        }
      }
    };
  }
}
