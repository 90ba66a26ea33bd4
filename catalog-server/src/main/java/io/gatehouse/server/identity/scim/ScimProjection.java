package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code attributes} and {@code excludedAttributes} parameters (RFC 7644 §3.9). */
record ScimProjection(List<String> attributes, List<String> excluded) {
  private static final List<String> ALWAYS = List.of("id", "schemas");

  static ScimProjection of(String attributes, String excludedAttributes) {
    return new ScimProjection(split(attributes), split(excludedAttributes));
  }

  /** Whether the given attribute (e.g. "members") will be returned at all. */
  boolean includes(String attribute) {
    String key = attribute.toLowerCase(Locale.ROOT);
    if (!attributes.isEmpty()) {
      return attributes.stream().anyMatch(a -> a.equals(key) || a.startsWith(key + "."));
    }
    return !excluded.contains(key);
  }

  ObjectNode apply(ObjectNode resource) {
    if (attributes.isEmpty() && excluded.isEmpty()) {
      return resource;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (ALWAYS.contains(key)) {
        continue;
      }
      if (!attributes.isEmpty()) {
        if (attributes.contains(key)) {
          continue;
        }
        List<String> subs = attributes.stream().filter(a -> a.startsWith(key + ".")).map(a -> a.substring(key.length() + 1)).toList();
        if (subs.isEmpty()) {
          it.remove();
        } else if (e.getValue().isObject()) {
          ((ObjectNode) e.getValue()).retain(matching(e.getValue(), subs));
        }
      } else if (excluded.contains(key)) {
        it.remove();
      } else if (e.getValue().isObject()) {
        List<String> subs = excluded.stream().filter(a -> a.startsWith(key + ".")).map(a -> a.substring(key.length() + 1)).toList();
        ((ObjectNode) e.getValue()).remove(matching(e.getValue(), subs));
      }
    }
    return resource;
  }

  private static List<String> matching(JsonNode node, List<String> lowerNames) {
    List<String> keys = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(k -> {
      if (lowerNames.contains(k.toLowerCase(Locale.ROOT))) {
        keys.add(k);
      }
    });
    return keys;
  }

  private static List<String> split(String list) {
    if (list == null || list.isBlank()) {
      return List.of();
    }
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> AttributePath.parse(s).key())
        .toList();
  }
}
