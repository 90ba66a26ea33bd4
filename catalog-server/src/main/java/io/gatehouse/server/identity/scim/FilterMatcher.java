package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.server.identity.scim.ScimFilter.Operator;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Evaluates a filter against a resource in memory. A multi-valued attribute matches when any of
 * its values matches; an absent attribute behaves as null, so {@code ne "x"} is true for it.
 */
final class FilterMatcher {
  private final Set<String> caseExactKeys;

  FilterMatcher(Set<String> caseExactKeys) {
    Set<String> keys = new HashSet<>();
    caseExactKeys.forEach(key -> keys.add(key.toLowerCase(Locale.ROOT)));
    this.caseExactKeys = keys;
  }

  boolean matches(ScimFilter filter, JsonNode resource) {
    return evaluate(filter, resource, null);
  }

  /** Evaluates against {@code node}; {@code outer} is the multi-valued attribute inside '[...]'. */
  private boolean evaluate(ScimFilter filter, JsonNode node, AttributePath outer) {
    if (filter instanceof ScimFilter.Compare compare) {
      return compare(compare, node, outer);
    } else if (filter instanceof ScimFilter.Present present) {
      return isPresent(node, present.path());
    } else if (filter instanceof ScimFilter.And and) {
      return evaluate(and.left(), node, outer) && evaluate(and.right(), node, outer);
    } else if (filter instanceof ScimFilter.Or or) {
      return evaluate(or.left(), node, outer) || evaluate(or.right(), node, outer);
    } else if (filter instanceof ScimFilter.Not not) {
      return !evaluate(not.inner(), node, outer);
    }
    ScimFilter.ValuePath valuePath = (ScimFilter.ValuePath) filter;
    for (JsonNode element : elements(node, valuePath.path())) {
      if (evaluate(valuePath.inner(), element, valuePath.path().parent())) {
        return true;
      }
    }
    return false;
  }

  /** The elements a value filter tests, primitives wrapped as {@code {"value": x}}. */
  static List<JsonNode> elements(JsonNode resource, AttributePath path) {
    JsonNode attribute = attribute(resource, path);
    List<JsonNode> elements = new ArrayList<>();
    if (attribute == null || attribute.isNull()) {
      return elements;
    }
    for (JsonNode element : attribute.isArray() ? attribute : List.of(attribute)) {
      elements.add(element.isObject() ? element : wrapValue(element));
    }
    return elements;
  }

  /**
   * True when one element of the multi-valued attribute {@code path} satisfies the value filter
   * {@code inner}, whose paths are relative to the element.
   */
  static boolean elementMatches(ScimFilter inner, JsonNode element, AttributePath path) {
    JsonNode object = element.isObject() ? element : wrapValue(element);
    return new FilterMatcher(ScimFilter.DEFAULT_CASE_EXACT).evaluate(inner, object, path.parent());
  }

  private static ObjectNode wrapValue(JsonNode primitive) {
    ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
    wrapped.set("value", primitive);
    return wrapped;
  }

  /** The attribute node, looking inside the extension object for extension schema paths. */
  static JsonNode attribute(JsonNode resource, AttributePath path) {
    JsonNode container = resource;
    if (!path.isCoreSchema()) {
      container = JsonFields.get(resource, path.schemaUri());
    }
    return JsonFields.get(container, path.attribute());
  }

  private boolean compare(ScimFilter.Compare compare, JsonNode node, AttributePath outer) {
    AttributePath path = compare.path();
    String key = outer == null ? path.key() : outer.child(path.attribute()).key();
    boolean caseExact = caseExactKeys.contains(key);
    List<JsonNode> values = leafValues(attribute(node, path), path.subAttribute());
    if (values.isEmpty()) {
      return compareOne(null, compare.op(), compare.value(), caseExact);
    }
    for (JsonNode value : values) {
      if (compareOne(value, compare.op(), compare.value(), caseExact)) {
        return true;
      }
    }
    return false;
  }

  /** Values to compare: arrays flattened; a complex value without sub-attribute gives "value". */
  private static List<JsonNode> leafValues(JsonNode attribute, String subAttribute) {
    List<JsonNode> values = new ArrayList<>();
    if (attribute == null) {
      return values;
    }
    for (JsonNode element : attribute.isArray() ? attribute : List.of(attribute)) {
      JsonNode leaf =
          element.isObject()
              ? JsonFields.get(element, subAttribute == null ? "value" : subAttribute)
              : (subAttribute == null ? element : null);
      if (leaf != null && leaf.isArray()) {
        leaf.forEach(values::add);
      } else if (leaf != null) {
        values.add(leaf);
      }
    }
    return values;
  }

  private static boolean isPresent(JsonNode node, AttributePath path) {
    JsonNode attribute = attribute(node, path);
    if (path.subAttribute() == null) {
      return !JsonFields.isUnassigned(attribute);
    }
    if (attribute == null) {
      return false;
    }
    for (JsonNode element : attribute.isArray() ? attribute : List.of(attribute)) {
      if (!JsonFields.isUnassigned(JsonFields.get(element, path.subAttribute()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean compareOne(
      JsonNode actual, Operator op, JsonNode expected, boolean caseExact) {
    boolean actualNull = actual == null || actual.isNull() || actual.isMissingNode();
    if (actualNull || expected.isNull()) {
      boolean bothNull = actualNull && expected.isNull();
      return op == Operator.EQ ? bothNull : op == Operator.NE && !bothNull;
    }
    switch (op) {
      case EQ:
        return isEqual(actual, expected, caseExact);
      case NE:
        return !isEqual(actual, expected, caseExact);
      case CO:
      case SW:
      case EW:
        return actual.isTextual()
            && expected.isTextual()
            && substring(op, actual, expected, caseExact);
      default:
        Integer order = order(actual, expected, caseExact);
        if (order == null) {
          return false;
        }
        return switch (op) {
          case GT -> order > 0;
          case GE -> order >= 0;
          case LT -> order < 0;
          default -> order <= 0;
        };
    }
  }

  private static boolean isEqual(JsonNode actual, JsonNode expected, boolean caseExact) {
    if (actual.isBoolean() || expected.isBoolean()) {
      return actual.isBoolean()
          && expected.isBoolean()
          && actual.booleanValue() == expected.booleanValue();
    }
    Integer order = order(actual, expected, caseExact);
    return order != null && order == 0;
  }

  private static boolean substring(
      Operator op, JsonNode actual, JsonNode expected, boolean caseExact) {
    String value = caseExact ? actual.textValue() : actual.textValue().toLowerCase(Locale.ROOT);
    String part = caseExact ? expected.textValue() : expected.textValue().toLowerCase(Locale.ROOT);
    return switch (op) {
      case CO -> value.contains(part);
      case SW -> value.startsWith(part);
      default -> value.endsWith(part);
    };
  }

  /** Orders two values of the same kind; null when they cannot be ordered against each other. */
  private static Integer order(JsonNode actual, JsonNode expected, boolean caseExact) {
    if (actual.isNumber() && expected.isNumber()) {
      return actual.decimalValue().compareTo(expected.decimalValue());
    }
    if (!actual.isTextual() || !expected.isTextual()) {
      return null;
    }
    // dateTime attributes are strings; compare them as instants so offsets and fractions agree.
    Instant actualInstant = instant(actual.textValue());
    Instant expectedInstant = actualInstant == null ? null : instant(expected.textValue());
    if (expectedInstant != null) {
      return actualInstant.compareTo(expectedInstant);
    }
    if (caseExact) {
      return actual.textValue().compareTo(expected.textValue());
    }
    return actual.textValue().compareToIgnoreCase(expected.textValue());
  }

  private static Instant instant(String text) {
    // Cheap shape check first: most strings are not timestamps and exceptions are costly.
    if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
