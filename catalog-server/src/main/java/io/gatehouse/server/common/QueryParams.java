package io.gatehouse.server.common;

/** Query parameters read as text and parsed here, so a bad value is a 400 that names it. */
public final class QueryParams {
  private QueryParams() {}

  public static boolean bool(String name, String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw GatehouseException.invalid(
          "Query parameter '" + name + "' must be true or false, got '" + Validation.printable(value) + "'.");
    };
  }
}
