package io.gatehouse.server.identity.scim;

/**
 * The target of a PATCH operation (RFC 7644 §3.5.2): {@code attrPath / valuePath [subAttr]}, e.g.
 * {@code name.givenName}, {@code members[value eq "2819c223"]} or {@code emails[type eq
 * "work"].value}.
 *
 * @param attribute the attribute (with its schema, without sub-attribute)
 * @param filter the value filter selecting elements of a multi-valued attribute, or null
 * @param subAttribute the sub-attribute, or null
 */
record PatchPath(AttributePath attribute, ScimFilter filter, String subAttribute) {

  static PatchPath parse(String text) {
    String path = text.strip();
    int open = path.indexOf('[');
    if (open < 0) {
      AttributePath parsed = AttributePath.parse(path);
      return new PatchPath(parsed.parent(), null, parsed.subAttribute());
    }
    int close = closingBracket(path, open);
    ScimFilter filter;
    try {
      filter = ScimFilter.parse(path.substring(0, close + 1));
    } catch (ScimException e) {
      throw ScimException.invalidPath(
          e.getMessage().replace("Invalid filter at", "Invalid value filter in path at"));
    }
    if (!(filter instanceof ScimFilter.ValuePath valuePath)) {
      throw ScimException.invalidPath("'" + Snippets.of(path) + "' is not a valid path");
    }
    String rest = path.substring(close + 1);
    if (rest.isEmpty()) {
      return new PatchPath(valuePath.path(), valuePath.inner(), null);
    }
    String sub = rest.substring(1);
    if (rest.charAt(0) != '.' || !AttributePath.isAttributeName(sub)) {
      throw ScimException.invalidPath(
          "Invalid path at position " + (close + 2) + ": only '.subAttribute' may follow ']'");
    }
    return new PatchPath(valuePath.path(), valuePath.inner(), sub);
  }

  /** The name the value is assigned to: the sub-attribute if there is one. */
  String targetName() {
    return subAttribute != null ? subAttribute : attribute.attribute();
  }

  /** The index of the ']' closing the '[' at {@code open}, skipping quoted strings. */
  private static int closingBracket(String path, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ']') {
        return i;
      }
    }
    throw ScimException.invalidPath(
        "Invalid path at position " + (open + 1) + ": the '[' is not closed with ']'");
  }

  @Override
  public String toString() {
    String sub = subAttribute == null ? "" : "." + subAttribute;
    return attribute + (filter == null ? "" : "[...]") + sub;
  }
}
