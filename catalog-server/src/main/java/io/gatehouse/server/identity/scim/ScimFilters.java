package io.gatehouse.server.identity.scim;

import io.gatehouse.server.identity.scim.ScimColumn.Kind;
import java.util.function.Function;

/** Which SCIM attributes can be filtered on, per resource type, and the SQL each one reads. */
final class ScimFilters {
  private static final String EMAILS =
      "EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p.scim->'emails') = 'array'"
          + " THEN p.scim->'emails' ELSE '[]'::jsonb END) e WHERE %s)";
  private static final String MEMBERS =
      "EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = p.id AND %s)";
  private static final String GROUPS =
      "EXISTS (SELECT 1 FROM group_members gm WHERE gm.member_id = p.id AND %s)";

  private ScimFilters() {}

  static Function<AttributePath, ScimColumn> resolver(ScimKind kind) {
    return path -> switch (path.key()) {
      case "id" -> new ScimColumn("p.id::text", Kind.STRING, true, null);
      case "externalid" -> new ScimColumn("p.external_id", Kind.STRING, true, null);
      case "meta.created" -> new ScimColumn("p.created_at", Kind.TIMESTAMP, false, null);
      case "meta.lastmodified" -> new ScimColumn("p.updated_at", Kind.TIMESTAMP, false, null);
      default -> byKind(kind, path.key());
    };
  }

  private static ScimColumn byKind(ScimKind kind, String key) {
    return switch (kind) {
      case USER -> switch (key) {
        case "username" -> new ScimColumn("p.name", Kind.STRING, false, null);
        case "displayname" -> new ScimColumn("p.display_name", Kind.STRING, false, null);
        case "active" -> new ScimColumn("p.active", Kind.BOOLEAN, false, null);
        case "emails", "emails.value" -> new ScimColumn("e->>'value'", Kind.STRING, false, EMAILS);
        case "emails.type" -> new ScimColumn("e->>'type'", Kind.STRING, false, EMAILS);
        case "name.givenname" -> new ScimColumn("p.scim->'name'->>'givenName'", Kind.STRING, false, null);
        case "name.familyname" -> new ScimColumn("p.scim->'name'->>'familyName'", Kind.STRING, false, null);
        case "groups", "groups.value" -> new ScimColumn("gm.group_id::text", Kind.STRING, true, GROUPS);
        default -> null;
      };
      case GROUP -> switch (key) {
        case "displayname" -> new ScimColumn("p.name", Kind.STRING, false, null);
        case "members", "members.value" -> new ScimColumn("gm.member_id::text", Kind.STRING, true, MEMBERS);
        default -> null;
      };
      case SERVICE_PRINCIPAL -> switch (key) {
        case "applicationid" -> new ScimColumn("p.name", Kind.STRING, false, null);
        case "displayname" -> new ScimColumn("p.display_name", Kind.STRING, false, null);
        case "active" -> new ScimColumn("p.active", Kind.BOOLEAN, false, null);
        case "groups", "groups.value" -> new ScimColumn("gm.group_id::text", Kind.STRING, true, GROUPS);
        default -> null;
      };
    };
  }
}
