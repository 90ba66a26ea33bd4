package io.gatehouse.server.common;

/** A dotted {@code catalog.schema[.object]} name from a path, split and checked part by part. */
public record FullName(String catalog, String schema, String object) {

  public static FullName ofSchema(String fullName) {
    String[] parts = split(fullName, 2, "catalog.schema");
    return new FullName(parts[0], parts[1], null);
  }

  public static FullName ofObject(String fullName) {
    String[] parts = split(fullName, 3, "catalog.schema.name");
    return new FullName(parts[0], parts[1], parts[2]);
  }

  private static String[] split(String fullName, int expected, String shape) {
    String[] parts = fullName == null ? new String[0] : fullName.split("\\.", -1);
    if (parts.length != expected) {
      throw GatehouseException.invalid(
          "Full name '" + Validation.printable(String.valueOf(fullName)) + "' must have the form " + shape + ".");
    }
    for (String part : parts) {
      Validation.name("full_name", part);
    }
    return parts;
  }

  @Override
  public String toString() {
    return object == null ? catalog + "." + schema : catalog + "." + schema + "." + object;
  }
}
