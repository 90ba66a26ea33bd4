package io.gatehouse.server.common;

import java.util.Map;
import java.util.regex.Pattern;

/** Field checks shared by every securable, each failing with a message that names the field. */
public final class Validation {
  public static final int MAX_NAME_LENGTH = 255;
  public static final int MAX_COMMENT_LENGTH = 65_536;
  public static final int MAX_PROPERTIES = 1_000;
  public static final int MAX_PROPERTY_KEY_LENGTH = 255;
  public static final int MAX_PROPERTY_VALUE_LENGTH = 65_536;
  public static final int MAX_PRINCIPAL_LENGTH = 255;

  // Unity Catalog's rule: letters, digits, underscore, hyphen and @; no dot, space or slash.
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_@-]+");

  private Validation() {}

  public static String name(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw GatehouseException.invalid("Field '" + field + "' is required.");
    }
    if (value.length() > MAX_NAME_LENGTH) {
      throw GatehouseException.invalid(
          "Field '" + field + "' must be at most " + MAX_NAME_LENGTH + " characters.");
    }
    if (!NAME.matcher(value).matches()) {
      throw GatehouseException.invalid(
          "Field '" + field + "' may contain only letters, digits, '_', '-' and '@' (got '"
              + printable(value) + "').");
    }
    return value;
  }

  public static String comment(String field, String value) {
    return text(field, value, MAX_COMMENT_LENGTH);
  }

  public static String text(String field, String value, int maxLength) {
    if (value != null && value.length() > maxLength) {
      throw GatehouseException.invalid(
          "Field '" + field + "' must be at most " + maxLength + " characters.");
    }
    return storable(field, value);
  }

  /** {@code value}, unless it holds U+0000, which no PostgreSQL text (nor jsonb) can store or compare. */
  public static String storable(String field, String value) {
    if (value != null && value.indexOf('\0') >= 0) {
      throw GatehouseException.invalid("Field '" + field + "' may not contain the character U+0000.");
    }
    return value;
  }

  public static String required(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw GatehouseException.invalid("Field '" + field + "' is required.");
    }
    return text(field, value, maxLength);
  }

  public static <T> T required(String field, T value) {
    if (value == null) {
      throw GatehouseException.invalid("Field '" + field + "' is required.");
    }
    return value;
  }

  public static String principal(String field, String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank() || value.length() > MAX_PRINCIPAL_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
      throw GatehouseException.invalid(
          "Field '" + field + "' must be a principal name of 1 to " + MAX_PRINCIPAL_LENGTH + " printable characters.");
    }
    return value;
  }

  public static Map<String, String> properties(String field, Map<String, String> properties) {
    if (properties == null) {
      return Map.of();
    }
    if (properties.size() > MAX_PROPERTIES) {
      throw GatehouseException.invalid("Field '" + field + "' may hold at most " + MAX_PROPERTIES + " entries.");
    }
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().length() > MAX_PROPERTY_KEY_LENGTH) {
        throw GatehouseException.invalid(
            "Keys of '" + field + "' must be 1 to " + MAX_PROPERTY_KEY_LENGTH + " characters.");
      }
      if (e.getValue() == null) {
        throw GatehouseException.invalid("Value of '" + field + "." + printable(e.getKey()) + "' must be a string.");
      }
      if (e.getValue().length() > MAX_PROPERTY_VALUE_LENGTH) {
        throw GatehouseException.invalid(
            "Value of '" + field + "." + printable(e.getKey()) + "' must be at most "
                + MAX_PROPERTY_VALUE_LENGTH + " characters.");
      }
      storable("keys of " + field, e.getKey());
      storable(field + "." + printable(e.getKey()), e.getValue());
    }
    return properties;
  }

  /** A value quoted back in an error message: bounded and without control characters. */
  public static String printable(String value) {
    String clipped = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return clipped.replaceAll("\\p{Cntrl}", "?");
  }
}
