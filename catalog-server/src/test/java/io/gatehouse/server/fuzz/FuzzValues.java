package io.gatehouse.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * What the sweep sends: a plausible value of a schema, and the hostile ones (wrong types,
 * boundary lengths, unicode, huge numbers, malformed JSON, bad encodings). Seeded: a run is
 * repeated by its seed.
 */
final class FuzzValues {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Strings that test names, paths and parsers: none of them spells a forbidden answer word. */
  static final List<String> STRINGS = List.of(
      "", " ", "a", "x".repeat(255), "x".repeat(256), "y".repeat(4096), "z".repeat(70_000),
      "名前", "\u202Eevil", "a\u0000b", "\uD83D\uDE00", "e\u0301\u0301\u0301", "\uFEFFbom", "\t\r\n",
      "../../etc/passwd", "%00", "%2e%2e%2f", "' OR '1'='1", "\"; --", "${jndi:ldap://127.0.0.1/a}",
      "a.b.c.d.e", "`tick`", "*", "%", "_", "\\", "<script>", "NaN", "-0", "1e309", "null", "true");

  static final List<String> NUMBERS = List.of(
      "0", "-1", "1.5", "1e309", "-1e309", "99999999999999999999999999999", "-9223372036854775809",
      "9223372036854775808", "2147483648", "1e-400", "0x10", "01");

  private final Random random;
  private final JsonNode document;
  private int counter;

  FuzzValues(Random random, JsonNode document) {
    this.random = random;
    this.document = document;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  String unique() {
    return "fz_" + Integer.toString(random.nextInt(1 << 30), 36) + "_" + (++counter);
  }

  /** A value that fits {@code schema}, names unique, to a depth of 4. */
  JsonNode plausible(JsonNode schema) {
    return plausible(schema, 0);
  }

  private JsonNode plausible(JsonNode schema, int depth) {
    schema = OpenApiEndpoints.resolve(document, schema);
    if (schema == null || schema.isMissingNode() || depth > 4) {
      return JSON.textNode(unique());
    }
    for (String choice : List.of("allOf", "oneOf", "anyOf")) {
      if (schema.has(choice) && schema.get(choice).size() > 0) {
        return plausible(schema.get(choice).get(0), depth + 1);
      }
    }
    if (schema.has("enum") && schema.get("enum").size() > 0) {
      return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
    }
    String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
    switch (type) {
      case "object" -> {
        ObjectNode object = JSON.objectNode();
        for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
          String name = names.next();
          object.set(name, plausible(schema.path("properties").get(name), depth + 1));
        }
        return object;
      }
      case "array" -> {
        ArrayNode array = JSON.arrayNode();
        array.add(plausible(schema.path("items"), depth + 1));
        return array;
      }
      case "integer" -> {
        return JSON.numberNode(1 + random.nextInt(100));
      }
      case "number" -> {
        return JSON.numberNode(1.5);
      }
      case "boolean" -> {
        return JSON.booleanNode(random.nextBoolean());
      }
      default -> {
        return JSON.textNode(unique());
      }
    }
  }

  /** A value of another JSON type than {@code value}'s. */
  JsonNode wrongType(JsonNode value) {
    List<JsonNode> others = new ArrayList<>();
    if (!value.isTextual()) {
      others.add(JSON.textNode(pick(STRINGS)));
    }
    if (!value.isNumber()) {
      others.add(JSON.numberNode(new BigInteger("123456789012345678901234567890")));
    }
    if (!value.isObject()) {
      others.add(JSON.objectNode().put("nested", 1));
    }
    if (!value.isArray()) {
      others.add(JSON.arrayNode().add(1).add("two"));
    }
    if (!value.isBoolean()) {
      others.add(JSON.booleanNode(true));
    }
    others.add(JSON.nullNode());
    return pick(others);
  }

  /** JSON text that is not JSON, or JSON no endpoint takes. */
  String malformed(String valid) {
    List<String> bodies = List.of(
        valid.isEmpty() ? "{" : valid.substring(0, valid.length() / 2), "{", "[", "nul", "{\"a\":}", "{'a': 1}",
        valid + " trailing", "{\"a\": NaN}", "{\"a\": 1e99999}", "[]", "\"text\"", "null", "123",
        "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
        "{\"a\": \"\\uD800\"}", "{\"a\": \"\\u0000\"}", "{\"a\": 1, \"a\": 2}", "\uFEFF" + valid);
    return pick(bodies);
  }

  /** Bytes that are not UTF-8, inside a JSON string. */
  byte[] badEncoding(String valid) {
    byte[][] bad = {
        {(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
    byte[] insert = bad[random.nextInt(bad.length)];
    byte[] text = valid.getBytes(StandardCharsets.UTF_8);
    int at = Math.max(valid.indexOf('"') + 1, 0);
    byte[] out = new byte[text.length + insert.length];
    System.arraycopy(text, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(text, at, out, at + insert.length, text.length - at);
    return out;
  }
}
