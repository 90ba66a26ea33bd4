package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A principal's SCIM {@code roles} (instance profile ARNs, each one registered) and {@code
 * entitlements} (the platform's four), read from a resource and written into one. Items are
 * {@code {"value": ...}}; other sub-attributes a provider sends (display, type, primary) are not kept.
 */
record ScimAssignments(Set<String> roles, Set<String> entitlements) {
  static final Set<String> ENTITLEMENTS =
      Set.of("allow-cluster-create", "allow-instance-pool-create", "databricks-sql-access", "workspace-access");
  static final int MAX_ITEMS = 100;

  ScimAssignments {
    roles = Set.copyOf(roles);
    entitlements = Set.copyOf(entitlements);
  }

  /** What a full resource (POST, PUT, or the outcome of a PATCH) asks for; absent means none. */
  static ScimAssignments of(JsonNode resource) {
    Set<String> roles = values(resource, "roles", 2048);
    Set<String> entitlements = new LinkedHashSet<>();
    for (String e : values(resource, "entitlements", 64)) {
      String known = e.toLowerCase(Locale.ROOT);
      if (!ENTITLEMENTS.contains(known)) {
        throw ScimException.invalidValue("Entitlement '" + Snippets.of(e) + "' is none of " + List.copyOf(new java.util.TreeSet<>(ENTITLEMENTS))
            + ".");
      }
      entitlements.add(known);
    }
    return new ScimAssignments(roles, entitlements);
  }

  /** Adds {@code roles} and {@code entitlements} to a resource, sorted; nothing when empty. */
  void writeTo(ObjectNode node) {
    write(node, "roles", roles);
    write(node, "entitlements", entitlements);
  }

  private static void write(ObjectNode node, String name, Set<String> values) {
    if (values.isEmpty()) {
      return;
    }
    ArrayNode list = node.putArray(name);
    values.stream().sorted().forEach(v -> list.addObject().put("value", v));
  }

  private static Set<String> values(JsonNode resource, String attribute, int maxLength) {
    JsonNode items = ScimRepresentation.field(resource, attribute);
    Set<String> values = new LinkedHashSet<>();
    if (items == null || items.isNull()) {
      return values;
    }
    if (!items.isArray()) {
      throw ScimException.invalidValue("Attribute '" + attribute + "' must be an array of {\"value\": ...} objects.");
    }
    if (items.size() > MAX_ITEMS) {
      throw ScimException.invalidValue("Attribute '" + attribute + "' may hold at most " + MAX_ITEMS + " values.");
    }
    for (JsonNode item : items) {
      JsonNode value = item.isObject() ? ScimRepresentation.field(item, "value") : item;
      if (value == null || !value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength
          || value.asText().chars().anyMatch(Character::isISOControl)) {
        throw ScimException.invalidValue("Every item of '" + attribute + "' needs a 'value' of 1 to " + maxLength
            + " printable characters.");
      }
      values.add(value.asText());
    }
    return values;
  }
}
