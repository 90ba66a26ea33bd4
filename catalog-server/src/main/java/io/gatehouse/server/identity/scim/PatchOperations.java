package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The add, replace and remove operations of RFC 7644 §3.5.2, applied in place to a working copy
 * of a resource. Extension attributes live in an object under their schema URN.
 */
final class PatchOperations {
  enum Mode {
    ADD,
    REPLACE
  }

  // RFC 7643 multi-valued attributes: a single value given for one of them still makes a list.
  private static final Set<String> MULTI_VALUED =
      Set.of(
          "emails", "phonenumbers", "ims", "photos", "addresses", "groups", "entitlements",
          "roles", "x509certificates", "members", "schemas");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final ObjectNode resource;

  PatchOperations(ObjectNode resource) {
    this.resource = resource;
  }

  void assign(Mode mode, String path, JsonNode value) {
    if (value == null || value.isMissingNode()) {
      throw ScimException.invalidValue(
          "'value' is required for " + mode.name().toLowerCase(Locale.ROOT));
    }
    if (path == null) {
      assignAll(mode, resource, value);
    } else if (value.isObject() && SchemaUrns.isSchemaUrn(path, resource)) {
      assignAll(mode, schemaContainer(path, true), value);
    } else {
      assign(mode, resource, PatchPath.parse(path), value);
    }
    pruneEmptyExtensions();
  }

  void remove(String path, JsonNode value) {
    if (path == null) {
      throw ScimException.noTarget("A remove operation needs a 'path'");
    }
    if (SchemaUrns.isSchemaUrn(path, resource)) {
      if (SchemaUrns.isCore(path)) {
        throw ScimException.invalidPath("The core schema cannot be removed");
      }
      JsonFields.remove(resource, path);
      removeFromSchemas(path);
      return;
    }
    PatchPath target = PatchPath.parse(path);
    ObjectNode container = container(target.attribute(), resource, false);
    String name = target.attribute().attribute();
    JsonNode attribute = container == null ? null : JsonFields.get(container, name);
    if (attribute == null || attribute.isNull()) {
      if (container != null) {
        JsonFields.remove(container, name); // drops an explicit JSON null
      }
      return; // Removing what is not there leaves the resource as asked: idempotent.
    }
    if (target.filter() != null) {
      removeMatching(target, attribute);
    } else if (target.subAttribute() != null) {
      for (JsonNode element : elementsOf(attribute)) {
        JsonFields.remove((ObjectNode) element, target.subAttribute());
      }
    } else if (attribute.isArray() && value != null && !value.isNull() && !value.isMissingNode()) {
      // Entra ID removes members by listing them in 'value' instead of a filter.
      MultiValues.removeListed((ArrayNode) attribute, value);
    } else {
      JsonFields.remove(container, name);
    }
    dropIfUnassigned(container, name);
    pruneEmptyExtensions();
  }

  /** A path-less value: each of its keys is a path (possibly dotted, filtered or URN-prefixed). */
  private void assignAll(Mode mode, ObjectNode container, JsonNode value) {
    if (!value.isObject()) {
      throw ScimException.invalidValue("Without a path, 'value' must be an object of attributes");
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      boolean schemaKey = field.getValue().isObject() && SchemaUrns.isSchemaUrn(key, resource);
      if (container == resource && schemaKey) {
        assignAll(mode, schemaContainer(key, true), field.getValue());
      } else {
        assign(mode, container, PatchPath.parse(key), field.getValue());
      }
    }
  }

  private void assign(Mode mode, ObjectNode defaultContainer, PatchPath path, JsonNode rawValue) {
    JsonNode value = PatchValues.normalize(path.targetName(), rawValue);
    ObjectNode container = container(path.attribute(), defaultContainer, true);
    String name = path.attribute().attribute();
    if (path.filter() != null) {
      assignMatching(mode, container, path, value);
      return;
    }
    if (path.subAttribute() == null) {
      assignAttribute(mode, container, name, value);
      return;
    }
    JsonNode parent = JsonFields.get(container, name);
    if (parent != null && parent.isArray()) {
      // A sub-attribute of a multi-valued attribute without a filter means every value.
      ArrayNode values = (ArrayNode) parent;
      if (values.isEmpty() && !value.isNull()) {
        values.addObject();
      }
      for (JsonNode element : elementsOf(values)) {
        assignAttribute(mode, (ObjectNode) element, path.subAttribute(), value.deepCopy());
      }
      return;
    }
    if (parent != null && parent.isValueNode() && !parent.isNull()) {
      throw ScimException.invalidPath("'" + path.attribute() + "' has no sub-attributes");
    }
    if (parent == null || parent.isNull()) {
      parent = JSON.objectNode();
      JsonFields.set(container, name, parent);
    }
    assignAttribute(mode, (ObjectNode) parent, path.subAttribute(), value);
    dropIfUnassigned(container, name);
  }

  private void assignAttribute(Mode mode, ObjectNode container, String name, JsonNode value) {
    if (value.isNull()) {
      // RFC 7643 §2.5: null and "unassigned" mean the same, so null clears the attribute.
      JsonFields.remove(container, name);
      return;
    }
    JsonNode existing = JsonFields.get(container, name);
    boolean multiValued =
        value.isArray()
            || (existing != null && existing.isArray())
            || (container == resource && MULTI_VALUED.contains(name.toLowerCase(Locale.ROOT)));
    if (multiValued) {
      ArrayNode incoming = value.isArray() ? (ArrayNode) value : JSON.arrayNode().add(value);
      if (mode == Mode.ADD && existing != null && existing.isArray()) {
        MultiValues.append((ArrayNode) existing, incoming);
      } else {
        ArrayNode values = JSON.arrayNode();
        MultiValues.append(values, incoming);
        JsonFields.set(container, name, values);
      }
    } else if (existing != null && existing.isObject() && value.isObject()) {
      // A complex attribute: the sub-attributes given change, the others stay.
      merge((ObjectNode) existing, value);
    } else {
      JsonFields.set(container, name, value);
    }
  }

  /** add/replace with a value filter: update the matching values, or add the one it describes. */
  private void assignMatching(Mode mode, ObjectNode container, PatchPath path, JsonNode value) {
    String name = path.attribute().attribute();
    JsonNode attribute = JsonFields.get(container, name);
    requireMultiValued(attribute, path);
    List<Integer> matches = matchingIndexes(attribute, path);
    if (matches.isEmpty()) {
      ObjectNode seed = path.subAttribute() == null ? null : MultiValues.seed(path.filter());
      if (seed == null) {
        throw ScimException.noTarget("No value of '" + path.attribute() + "' matches the filter");
      }
      // Entra ID sets emails[type eq "work"].value on users that have no work email yet.
      assignAttribute(Mode.REPLACE, seed, path.subAttribute(), value);
      if (attribute == null || attribute.isNull()) {
        attribute = JSON.arrayNode();
        JsonFields.set(container, name, attribute);
      }
      MultiValues.append((ArrayNode) attribute, JSON.arrayNode().add(seed));
      return;
    }
    ArrayNode values = (ArrayNode) attribute;
    for (int index : matches) {
      if (path.subAttribute() != null) {
        ObjectNode element = (ObjectNode) values.get(index);
        assignAttribute(mode, element, path.subAttribute(), value.deepCopy());
      } else if (!value.isObject()) {
        throw ScimException.invalidValue(
            "A filtered path without sub-attribute needs an object 'value'");
      } else if (mode == Mode.REPLACE) {
        values.set(index, value.deepCopy());
      } else {
        merge((ObjectNode) values.get(index), value.deepCopy());
      }
      MultiValues.keepSinglePrimary(values, values.get(index));
    }
  }

  private static void removeMatching(PatchPath path, JsonNode attribute) {
    requireMultiValued(attribute, path);
    List<Integer> matches = matchingIndexes(attribute, path);
    ArrayNode values = (ArrayNode) attribute;
    for (int i = matches.size() - 1; i >= 0; i--) {
      int index = matches.get(i);
      if (path.subAttribute() == null) {
        values.remove(index);
      } else {
        JsonFields.remove((ObjectNode) values.get(index), path.subAttribute());
      }
    }
  }

  /** A value filter selects among the values of a multi-valued attribute; absent is fine. */
  private static void requireMultiValued(JsonNode attribute, PatchPath path) {
    if (attribute != null && !attribute.isNull() && !attribute.isArray()) {
      throw ScimException.invalidPath(
          "'" + path.attribute() + "' is not multi-valued, so a value filter cannot select from it");
    }
  }

  /** Indexes of the object elements that satisfy the path's filter (none for a non-array). */
  private static List<Integer> matchingIndexes(JsonNode attribute, PatchPath path) {
    List<Integer> matches = new ArrayList<>();
    if (attribute == null || !attribute.isArray()) {
      return matches;
    }
    for (int i = 0; i < attribute.size(); i++) {
      JsonNode element = attribute.get(i);
      if (element.isObject()
          && FilterMatcher.elementMatches(path.filter(), element, path.attribute())) {
        matches.add(i);
      }
    }
    return matches;
  }

  private static List<JsonNode> elementsOf(JsonNode attribute) {
    List<JsonNode> elements = new ArrayList<>();
    for (JsonNode element : attribute.isArray() ? attribute : List.of(attribute)) {
      if (element.isObject()) {
        elements.add(element);
      }
    }
    return elements;
  }

  private static void merge(ObjectNode target, JsonNode source) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = source.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        JsonFields.remove(target, field.getKey());
      } else {
        JsonFields.set(target, field.getKey(), field.getValue());
      }
    }
  }

  /** Where an attribute lives: the resource for core attributes, else its extension object. */
  private ObjectNode container(
      AttributePath attribute, ObjectNode defaultContainer, boolean create) {
    if (attribute.schemaUri() == null) {
      return defaultContainer;
    }
    return schemaContainer(attribute.schemaUri(), create);
  }

  private ObjectNode schemaContainer(String schemaUri, boolean create) {
    if (SchemaUrns.isCore(schemaUri)) {
      return resource;
    }
    JsonNode existing = JsonFields.get(resource, schemaUri);
    if (existing != null && existing.isObject()) {
      return (ObjectNode) existing;
    }
    if (!create) {
      return null;
    }
    ObjectNode extension = JSON.objectNode();
    JsonFields.set(resource, schemaUri, extension);
    JsonNode schemas = JsonFields.get(resource, "schemas");
    if (schemas != null && schemas.isArray() && !containsIgnoreCase(schemas, schemaUri)) {
      ((ArrayNode) schemas).add(schemaUri);
    }
    return extension;
  }

  /** An emptied list or complex value is unassigned (RFC 7644 §3.5.2.2): drop the key. */
  private static void dropIfUnassigned(ObjectNode container, String name) {
    JsonNode value = JsonFields.get(container, name);
    if (value != null && value.isContainerNode() && value.isEmpty()) {
      JsonFields.remove(container, name);
    }
  }

  private void pruneEmptyExtensions() {
    List<String> empty = new ArrayList<>();
    resource
        .fields()
        .forEachRemaining(
            field -> {
              boolean emptyObject = field.getValue().isObject() && field.getValue().isEmpty();
              if (emptyObject && field.getKey().regionMatches(true, 0, "urn:", 0, 4)) {
                empty.add(field.getKey());
              }
            });
    for (String schemaUri : empty) {
      resource.remove(schemaUri);
      removeFromSchemas(schemaUri);
    }
  }

  private void removeFromSchemas(String schemaUri) {
    JsonNode schemas = JsonFields.get(resource, "schemas");
    if (schemas == null || !schemas.isArray()) {
      return;
    }
    for (int i = schemas.size() - 1; i >= 0; i--) {
      if (schemas.get(i).isTextual() && schemas.get(i).textValue().equalsIgnoreCase(schemaUri)) {
        ((ArrayNode) schemas).remove(i);
      }
    }
  }

  private static boolean containsIgnoreCase(JsonNode array, String text) {
    for (JsonNode element : array) {
      if (element.isTextual() && element.textValue().equalsIgnoreCase(text)) {
        return true;
      }
    }
    return false;
  }
}
