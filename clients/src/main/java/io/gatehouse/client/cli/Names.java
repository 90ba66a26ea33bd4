package io.gatehouse.client.cli;

import java.util.regex.Pattern;

/** Dotted full names from the command line: {@code catalog}, {@code catalog.schema}, {@code catalog.schema.name}. */
final class Names {
  private static final Pattern DOT = Pattern.compile("\\.");

  private Names() {}

  /** The parts of {@code fullName}, which must have exactly {@code parts} non-empty parts. */
  static String[] split(String fullName, int parts, String shape) {
    String[] split = DOT.split(fullName, -1);
    if (split.length != parts || java.util.Arrays.stream(split).anyMatch(String::isBlank)) {
      throw new CliException("'" + fullName + "' is not a name of the form " + shape + ".");
    }
    return split;
  }

  static String[] schema(String fullName) {
    return split(fullName, 2, "catalog.schema");
  }

  static String[] object(String fullName) {
    return split(fullName, 3, "catalog.schema.name");
  }
}
