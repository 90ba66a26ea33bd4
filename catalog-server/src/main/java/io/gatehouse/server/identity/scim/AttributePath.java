package io.gatehouse.server.identity.scim;

import java.util.Locale;
import java.util.Objects;

/**
 * An attribute path as RFC 7644 §3.10 writes it: {@code [schemaUri ":"] attribute ["." sub]}, e.g.
 * {@code userName}, {@code name.givenName} or {@code
 * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber}.
 *
 * <p>SCIM attribute names and schema URIs are case-insensitive, so equality and {@link #hashCode()}
 * ignore case; {@link #key()} gives the lower-cased lookup key.
 *
 * @param schemaUri the schema URN prefix, or null when the path has none
 * @param attribute the attribute name, never null
 * @param subAttribute the sub-attribute name, or null
 */
public record AttributePath(String schemaUri, String attribute, String subAttribute) {
  public AttributePath {
    Objects.requireNonNull(attribute, "attribute");
  }

  /** A path to a top-level attribute with no schema prefix and no sub-attribute. */
  public static AttributePath of(String attribute) {
    return new AttributePath(null, attribute, null);
  }

  /**
   * Parses a path such as {@code emails.value} or a URN-prefixed one.
   *
   * @throws ScimException invalidPath when the text is not a valid attribute path
   */
  public static AttributePath parse(String text) {
    if (text == null || text.isEmpty()) {
      throw ScimException.invalidPath("The attribute path is empty");
    }
    String schemaUri = null;
    String names = text;
    // Attribute names never contain ':', so the last colon ends the schema URN (which has dots).
    int colon = text.lastIndexOf(':');
    if (colon >= 0) {
      schemaUri = text.substring(0, colon);
      names = text.substring(colon + 1);
      if (!isUrn(schemaUri)) {
        throw ScimException.invalidPath(
            "'" + Snippets.of(text) + "' is not a valid attribute path: the schema must be a URN");
      }
    }
    int dot = names.indexOf('.');
    String attribute = dot < 0 ? names : names.substring(0, dot);
    String subAttribute = dot < 0 ? null : names.substring(dot + 1);
    if (!isAttributeName(attribute) || (subAttribute != null && !isAttributeName(subAttribute))) {
      throw ScimException.invalidPath("'" + Snippets.of(text) + "' is not a valid attribute path");
    }
    return new AttributePath(schemaUri, attribute, subAttribute);
  }

  /** {@code attribute} or {@code attribute.subattribute}, lower-cased, without the schema. */
  public String key() {
    String key = subAttribute == null ? attribute : attribute + "." + subAttribute;
    return key.toLowerCase(Locale.ROOT);
  }

  /** True when the schema prefix names an RFC 7643 core schema (its attributes are top-level). */
  public boolean isCoreSchema() {
    return schemaUri == null || SchemaUrns.isCore(schemaUri);
  }

  /** The same path with the sub-attribute dropped: the attribute that holds it. */
  public AttributePath parent() {
    return subAttribute == null ? this : new AttributePath(schemaUri, attribute, null);
  }

  /** This attribute with {@code sub} as its sub-attribute (keeps the schema). */
  public AttributePath child(String sub) {
    return new AttributePath(schemaUri, attribute, sub);
  }

  /** ATTRNAME of RFC 7643 §2.1, plus a leading '$' for the reserved {@code $ref}. */
  static boolean isAttributeName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    char first = name.charAt(0);
    if (!isAsciiLetter(first) && first != '$') {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isUrn(String text) {
    if (!text.regionMatches(true, 0, "urn:", 0, 4) || text.length() == 4) {
      return false;
    }
    for (String segment : text.split(":", -1)) {
      if (segment.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AttributePath that
        && equalsIgnoreCase(schemaUri, that.schemaUri)
        && attribute.equalsIgnoreCase(that.attribute)
        && equalsIgnoreCase(subAttribute, that.subAttribute);
  }

  @Override
  public int hashCode() {
    return Objects.hash(lower(schemaUri), lower(attribute), lower(subAttribute));
  }

  /** The path as SCIM writes it, e.g. {@code name.givenName}. */
  @Override
  public String toString() {
    String names = subAttribute == null ? attribute : attribute + "." + subAttribute;
    return schemaUri == null ? names : schemaUri + ":" + names;
  }

  private static boolean equalsIgnoreCase(String a, String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
