package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Prepares PATCH values: a private copy, with the string booleans Entra ID sends made boolean. */
final class PatchValues {
  // Entra ID sends "True"/"False" strings; these are the boolean attributes it sends them for.
  private static final Set<String> BOOLEAN_NAMES = Set.of("active", "primary");

  private PatchValues() {}

  /**
   * A deep copy of {@code value} (so the result never shares nodes with the request) in which a
   * "true"/"false" string assigned to {@code active} or {@code primary} becomes a boolean.
   */
  static JsonNode normalize(String name, JsonNode value) {
    return convert(name, value.deepCopy());
  }

  private static JsonNode convert(String name, JsonNode value) {
    if (value.isTextual() && name != null && BOOLEAN_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
      String text = value.textValue();
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return BooleanNode.valueOf(text.equalsIgnoreCase("true"));
      }
    } else if (value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(convert(field.getKey(), field.getValue()));
      }
    } else if (value.isArray()) {
      ArrayNode array = (ArrayNode) value;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, convert(name, array.get(i)));
      }
    }
    return value;
  }
}
