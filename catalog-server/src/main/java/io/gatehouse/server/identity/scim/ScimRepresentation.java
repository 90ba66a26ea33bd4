package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.server.identity.Memberships;
import io.gatehouse.server.identity.Principal;
import io.gatehouse.server.identity.PrincipalEntity;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Maps principals to SCIM resources and back. Columns hold what Gatehouse reads itself (name,
 * displayName, externalId, active); every other attribute a provider sends is kept verbatim in
 * the principal's {@code scim} document and returned as it came.
 */
final class ScimRepresentation {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_DOCUMENT = 65_536;
  static final int MAX_TEXT = 255;
  /** Attributes the server owns; PUT and POST ignore them, PATCH may not change them. */
  static final Set<String> READ_ONLY = Set.of("id", "meta", "groups", "schemas");
  private static final Set<String> COLUMNS =
      Set.of("schemas", "id", "meta", "username", "displayname", "applicationid", "externalid", "active", "groups", "members", "password",
          "roles", "entitlements");

  private ScimRepresentation() {}

  /**
   * The resource as SCIM serializes it; {@code related} is groups of a user/SP, members of a group;
   * {@code assigned} its roles and entitlements (null: not shown).
   */
  static ObjectNode toJson(PrincipalEntity p, List<Memberships.Related> related, ScimAssignments assigned, String location) {
    ScimKind kind = ScimKind.of(p.kind);
    ObjectNode node = JSON.createObjectNode();
    node.putArray("schemas").add(kind.schema);
    node.put("id", p.id.toString());
    if (p.externalId != null) {
      node.put("externalId", p.externalId);
    }
    node.put(kind.nameAttribute, p.name);
    if (kind != ScimKind.GROUP && p.displayName != null) {
      node.put("displayName", p.displayName);
    }
    if (kind != ScimKind.GROUP) {
      node.put("active", p.active);
    }
    extra(p).fields().forEachRemaining(e -> node.set(e.getKey(), e.getValue()));
    if (related != null) {
      ArrayNode list = node.putArray(kind == ScimKind.GROUP ? "members" : "groups");
      for (Memberships.Related r : related) {
        reference(list, r, kind == ScimKind.GROUP ? ScimKind.of(r.kind()).resourceType : "direct");
      }
    }
    if (assigned != null) {
      assigned.writeTo(node);
    }
    ObjectNode meta = node.putObject("meta");
    meta.put("resourceType", kind.resourceType);
    meta.put("created", p.createdAt.toString());
    meta.put("lastModified", p.updatedAt.toString());
    meta.put("version", etag(p));
    meta.put("location", location);
    return node;
  }

  /** One entry of a {@code groups} or {@code members} list: the other principal, with its SCIM {@code type}. */
  static void reference(ArrayNode list, Memberships.Related r, String type) {
    ObjectNode ref = list.addObject();
    ref.put("value", r.id().toString());
    ref.put("display", r.kind() == Principal.Type.GROUP || r.displayName() == null ? r.name() : r.displayName());
    ref.put("$ref", "../" + ScimKind.of(r.kind()).endpoint + "/" + r.id());
    ref.put("type", type);
  }

  static String etag(PrincipalEntity p) {
    return "W/\"" + p.version + "\"";
  }

  /** Applies a full resource (POST or PUT) to {@code p}; returns the member ids of a group, or null. */
  static Set<UUID> apply(ScimKind kind, JsonNode body, PrincipalEntity p) {
    if (body == null || !body.isObject()) {
      throw ScimException.invalidSyntax("The request body must be a SCIM resource object.");
    }
    String name = text(body, kind.nameAttribute);
    if (name == null && kind == ScimKind.SERVICE_PRINCIPAL) {
      name = p.name != null ? p.name : UUID.randomUUID().toString();
    }
    if (name == null || name.isBlank()) {
      throw ScimException.invalidValue("Attribute '" + kind.nameAttribute + "' is required.");
    }
    checkText(kind.nameAttribute, name);
    if (kind == ScimKind.USER && !name.matches("[^@\\s]+@[^@\\s]+")) {
      throw ScimException.invalidValue("Attribute 'userName' must be an email address.");
    }
    if (kind == ScimKind.SERVICE_PRINCIPAL && p.name != null && !p.name.equalsIgnoreCase(name)) {
      throw ScimException.mutability("Attribute 'applicationId' cannot be changed.");
    }
    p.name = name;
    p.displayName = kind == ScimKind.GROUP ? name : checkText("displayName", text(body, "displayName"));
    p.externalId = checkText("externalId", text(body, "externalId"));
    JsonNode active = field(body, "active");
    if (kind != ScimKind.GROUP) {
      p.active = active == null || active.isNull() || bool("active", active);
    }
    ObjectNode rest = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!COLUMNS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        rest.set(e.getKey(), e.getValue());
      }
    }
    if (hasNul(rest)) {
      // PostgreSQL's jsonb cannot hold U+0000: refused here, not by the database's error.
      throw ScimException.invalidValue("Attribute names and values may not contain the character U+0000.");
    }
    p.scim = write(rest);
    if (p.scim.length() > MAX_DOCUMENT) {
      throw ScimException.invalidValue("The resource is larger than " + MAX_DOCUMENT + " characters.");
    }
    return kind == ScimKind.GROUP ? memberIds(field(body, "members")) : null;
  }

  private static Set<UUID> memberIds(JsonNode members) {
    if (members == null || members.isNull()) {
      return Set.of();
    }
    if (!members.isArray()) {
      throw ScimException.invalidValue("Attribute 'members' must be an array.");
    }
    java.util.Set<UUID> ids = new java.util.LinkedHashSet<>();
    for (JsonNode m : members) {
      JsonNode value = m.isObject() ? field(m, "value") : m;
      if (value == null || !value.isTextual()) {
        throw ScimException.invalidValue("Every member needs a 'value' holding the member's id.");
      }
      try {
        ids.add(UUID.fromString(value.asText()));
      } catch (IllegalArgumentException e) {
        throw ScimException.invalidValue("Member '" + clip(value.asText()) + "' is not the id of a user, group or service principal.");
      }
    }
    return ids;
  }

  static boolean bool(String attribute, JsonNode value) {
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    // Entra ID sends booleans as "True" and "False".
    if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(value.asText().toLowerCase(Locale.ROOT));
    }
    throw ScimException.invalidValue("Attribute '" + attribute + "' must be a boolean.");
  }

  /** Case-insensitive field lookup: SCIM attribute names are not case-sensitive. */
  static JsonNode field(JsonNode node, String name) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (key.equalsIgnoreCase(name)) {
        return node.get(key);
      }
    }
    return null;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = field(node, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ScimException.invalidValue("Attribute '" + name + "' must be a string.");
    }
    return value.asText();
  }

  private static String checkText(String attribute, String value) {
    if (value != null && (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl))) {
      throw ScimException.invalidValue("Attribute '" + attribute + "' must be at most " + MAX_TEXT + " printable characters.");
    }
    return value;
  }

  private static ObjectNode extra(PrincipalEntity p) {
    try {
      return (ObjectNode) JSON.readTree(p.scim);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored SCIM document is not readable", e);
    }
  }

  private static boolean hasNul(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().indexOf('\0') >= 0;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().indexOf('\0') >= 0 || hasNul(e.getValue())) {
        return true;
      }
    }
    for (JsonNode element : node) {
      if (!node.isObject() && hasNul(element)) {
        return true;
      }
    }
    return false;
  }

    private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
