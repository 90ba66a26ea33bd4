package io.gatehouse.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The operations of a served OpenAPI document: path, method, parameters and JSON body schema, refs resolved. */
record OpenApiEndpoints(JsonNode document, List<Endpoint> endpoints) {
  private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "patch");

  record Parameter(String name, String in, JsonNode schema, boolean required) {}

  /** {@code redirects}: the 3xx answers the document gives it (a browser flow's). */
  record Endpoint(String method, String path, List<Parameter> parameters, JsonNode body, String bodyType,
      Set<Integer> redirects) {
    boolean hasBody() {
      return body != null || method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static OpenApiEndpoints parse(String json) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(json);
    List<Endpoint> endpoints = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (!VERBS.contains(op.getKey())) {
          continue;
        }
        List<Parameter> parameters = new ArrayList<>();
        List<JsonNode> declared = new ArrayList<>();
        path.getValue().path("parameters").forEach(declared::add);
        op.getValue().path("parameters").forEach(declared::add);
        for (JsonNode p : declared) {
          JsonNode resolved = resolve(doc, p);
          parameters.add(new Parameter(resolved.path("name").asText(), resolved.path("in").asText(),
              resolve(doc, resolved.path("schema")), resolved.path("required").asBoolean(false)));
        }
        JsonNode content = resolve(doc, op.getValue().path("requestBody")).path("content");
        String bodyType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        JsonNode body = bodyType == null ? null : resolve(doc, content.path(bodyType).path("schema"));
        Set<Integer> redirects = new java.util.TreeSet<>();
        op.getValue().path("responses").fieldNames().forEachRemaining(code -> {
          if (code.startsWith("3")) {
            redirects.add(Integer.parseInt(code));
          }
        });
        endpoints.add(new Endpoint(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters, body, bodyType,
            redirects));
      }
    }
    return new OpenApiEndpoints(doc, endpoints);
  }

  /** {@code node}, or what its {@code $ref} names. */
  static JsonNode resolve(JsonNode doc, JsonNode node) {
    for (int hops = 0; node != null && node.has("$ref") && hops < 10; hops++) {
      String ref = node.get("$ref").asText();
      JsonNode target = doc;
      for (String part : ref.substring(2).split("/")) {
        target = target.path(part.replace("~1", "/").replace("~0", "~"));
      }
      node = target;
    }
    return node;
  }
}
