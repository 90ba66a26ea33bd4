package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Rules for the values of multi-valued attributes (RFC 7643 §2.4) that PATCH must keep. */
final class MultiValues {
  private MultiValues() {}

  /**
   * Appends the incoming values, skipping any whose {@code value} (or, lacking one, whose whole
   * JSON) is already there, so an IdP re-adding a member changes nothing.
   */
  static void append(ArrayNode target, ArrayNode incoming) {
    for (JsonNode value : incoming) {
      if (value.isNull() || contains(target, value)) {
        continue;
      }
      target.add(value);
      keepSinglePrimary(target, value);
    }
  }

  /** Removes the elements that {@code listed} (one value or an array of them) names by value. */
  static void removeListed(ArrayNode target, JsonNode listed) {
    JsonNode values = listed.isArray() ? listed : JsonNodeFactory.instance.arrayNode().add(listed);
    for (JsonNode value : values) {
      for (int i = target.size() - 1; i >= 0; i--) {
        if (sameValue(target.get(i), value)) {
          target.remove(i);
        }
      }
    }
  }

  /** "primary" is true for at most one value: a value that claims it takes it from the rest. */
  static void keepSinglePrimary(ArrayNode values, JsonNode winner) {
    if (!isPrimary(winner)) {
      return;
    }
    for (JsonNode value : values) {
      if (value != winner && isPrimary(value)) {
        JsonFields.set((ObjectNode) value, "primary", BooleanNode.FALSE);
      }
    }
  }

  /**
   * The element a filter such as {@code type eq "work"} describes, for an update whose filter
   * matched nothing; null when the filter is more than equalities joined by {@code and}.
   */
  static ObjectNode seed(ScimFilter filter) {
    ObjectNode seed = JsonNodeFactory.instance.objectNode();
    return addEqualities(filter, seed) ? seed : null;
  }

  private static boolean addEqualities(ScimFilter filter, ObjectNode seed) {
    if (filter instanceof ScimFilter.And and) {
      return addEqualities(and.left(), seed) && addEqualities(and.right(), seed);
    }
    if (filter instanceof ScimFilter.Compare compare
        && compare.op() == ScimFilter.Operator.EQ
        && compare.path().subAttribute() == null
        && !compare.value().isNull()) {
      JsonFields.set(seed, compare.path().attribute(), compare.value().deepCopy());
      return true;
    }
    return false;
  }

  private static boolean contains(ArrayNode values, JsonNode candidate) {
    for (JsonNode value : values) {
      if (sameValue(value, candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameValue(JsonNode element, JsonNode candidate) {
    JsonNode elementValue = element.isObject() ? JsonFields.get(element, "value") : element;
    JsonNode candidateValue = candidate.isObject() ? JsonFields.get(candidate, "value") : candidate;
    if (elementValue == null || candidateValue == null) {
      return element.equals(candidate);
    }
    return elementValue.equals(candidateValue);
  }

  private static boolean isPrimary(JsonNode value) {
    JsonNode primary = JsonFields.get(value, "primary");
    return primary != null && primary.isBoolean() && primary.booleanValue();
  }
}
