package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/** Case-insensitive field access: SCIM attribute names ignore case, JSON object keys do not. */
final class JsonFields {
  private JsonFields() {}

  /** The field whose name equals {@code name} ignoring case, or null; exact case wins. */
  static JsonNode get(JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    String key = keyOf(object, name);
    return key == null ? null : object.get(key);
  }

  /** The key as the object spells it for {@code name} ignoring case, or null when absent. */
  static String keyOf(JsonNode object, String name) {
    if (object.has(name)) {
      return name;
    }
    for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (key.equalsIgnoreCase(name)) {
        return key;
      }
    }
    return null;
  }

  /** Sets the field under the existing key's spelling: never a second key differing in case. */
  static void set(ObjectNode object, String name, JsonNode value) {
    String key = keyOf(object, name);
    object.set(key == null ? name : key, value);
  }

  /** Removes the field matching {@code name} ignoring case; true if there was one. */
  static boolean remove(ObjectNode object, String name) {
    String key = keyOf(object, name);
    if (key == null) {
      return false;
    }
    object.remove(key);
    return true;
  }

  /** Absent, JSON null, an empty string, or an empty array or object: "unassigned" in SCIM. */
  static boolean isUnassigned(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return true;
    }
    if (node.isTextual()) {
      return node.textValue().isEmpty();
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (!isUnassigned(element)) {
          return false;
        }
      }
      return true;
    }
    return node.isObject() && node.isEmpty();
  }
}
