package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies an RFC 7644 §3.5.2 PATCH request to a resource, accepting the shapes Okta and Microsoft
 * Entra ID send: capitalised op names, string booleans, path-less values with dotted keys, removal
 * of members listed in {@code value}, and filtered paths that match nothing.
 *
 * <p>A PATCH is all or nothing: the first failing operation fails the request and the input
 * resource is never modified.
 */
public final class ScimPatch {
  public static final String PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static final int MAX_OPERATIONS = 1_000;

  private ScimPatch() {}

  /**
   * Returns a new resource with the request's operations applied in order.
   *
   * @param resource the resource as SCIM serializes it; not modified
   * @param patchRequest the PATCH body
   * @param readOnlyAttributes lower-case keys ({@link AttributePath#key()} form, e.g. {@code "id"},
   *     {@code "meta"}, {@code "groups"}) whose values the request must leave as they are
   * @throws ScimException invalidSyntax, tooMany, invalidPath, invalidValue, noTarget or mutability
   */
  public static ObjectNode apply(
      ObjectNode resource, JsonNode patchRequest, Set<String> readOnlyAttributes) {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(readOnlyAttributes, "readOnlyAttributes");
    JsonNode operations = operations(patchRequest);
    ObjectNode patched = resource.deepCopy();
    PatchOperations target = new PatchOperations(patched);
    Map<String, JsonNode> readOnly = readOnlyValues(resource, readOnlyAttributes);
    for (int i = 0; i < operations.size(); i++) {
      String context = "Operation " + (i + 1) + ": ";
      try {
        applyOne(target, operations.get(i));
      } catch (ScimException e) {
        throw e.withContext(context);
      }
      // Checked on the outcome, so a client echoing an unchanged id or meta is not refused.
      for (Map.Entry<String, JsonNode> entry : readOnly.entrySet()) {
        if (!Objects.equals(entry.getValue(), valueAt(patched, entry.getKey()))) {
          throw ScimException.mutability(
              context + "the attribute '" + entry.getKey() + "' is read-only");
        }
      }
    }
    return patched;
  }

  private static JsonNode operations(JsonNode request) {
    if (request == null || !request.isObject()) {
      throw ScimException.invalidSyntax("The PATCH body must be a JSON object");
    }
    JsonNode schemas = JsonFields.get(request, "schemas");
    boolean patchOp = false;
    if (schemas != null && schemas.isArray()) {
      for (JsonNode schema : schemas) {
        patchOp |= schema.isTextual() && schema.textValue().equalsIgnoreCase(PATCH_OP_SCHEMA);
      }
    }
    if (!patchOp) {
      throw ScimException.invalidSyntax("'schemas' must contain \"" + PATCH_OP_SCHEMA + "\"");
    }
    JsonNode operations = JsonFields.get(request, "Operations");
    if (operations == null || !operations.isArray() || operations.isEmpty()) {
      throw ScimException.invalidSyntax("'Operations' must be a non-empty array");
    }
    if (operations.size() > MAX_OPERATIONS) {
      throw ScimException.tooMany(
          "A PATCH request may hold at most " + MAX_OPERATIONS + " operations, not "
              + operations.size());
    }
    return operations;
  }

  private static void applyOne(PatchOperations target, JsonNode operation) {
    if (!operation.isObject()) {
      throw ScimException.invalidSyntax("an operation must be a JSON object");
    }
    JsonNode op = JsonFields.get(operation, "op");
    JsonNode pathNode = JsonFields.get(operation, "path");
    if (pathNode != null && !pathNode.isNull() && !pathNode.isTextual()) {
      throw ScimException.invalidPath("'path' must be a string");
    }
    // Some clients send "path": "" for a path-less operation.
    String path =
        pathNode == null || pathNode.isNull() || pathNode.textValue().isBlank()
            ? null
            : pathNode.textValue();
    JsonNode value = JsonFields.get(operation, "value");
    String name = op != null && op.isTextual() ? op.textValue().toLowerCase(Locale.ROOT) : "";
    switch (name) {
      case "add" -> target.assign(PatchOperations.Mode.ADD, path, value);
      case "replace" -> target.assign(PatchOperations.Mode.REPLACE, path, value);
      case "remove" -> target.remove(path, value);
      default -> throw ScimException.invalidSyntax(
          "'op' must be \"add\", \"remove\" or \"replace\"");
    }
  }

  private static Map<String, JsonNode> readOnlyValues(ObjectNode resource, Set<String> keys) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (String key : keys) {
      String lower = key.toLowerCase(Locale.ROOT);
      try {
        values.put(lower, valueAt(resource, lower));
      } catch (ScimException e) {
        // The keys come from the server, not the client: a bad one is a bug, not a 400.
        throw new IllegalArgumentException("Not an attribute key: " + key, e);
      }
    }
    return values;
  }

  private static JsonNode valueAt(JsonNode resource, String key) {
    AttributePath path = AttributePath.parse(key);
    JsonNode attribute = FilterMatcher.attribute(resource, path.parent());
    if (path.subAttribute() == null || attribute == null || !attribute.isObject()) {
      return attribute;
    }
    return JsonFields.get(attribute, path.subAttribute());
  }
}
