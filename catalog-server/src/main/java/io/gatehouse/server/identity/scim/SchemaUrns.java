package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * Tells a schema URN ({@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}) from a
 * URN-prefixed attribute path ({@code urn:...:2.0:User:employeeNumber}); both appear as PATCH paths
 * and as keys of a path-less PATCH value.
 */
final class SchemaUrns {
  static final String CORE_PREFIX = "urn:ietf:params:scim:schemas:core:";
  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");

  private SchemaUrns() {}

  /** True when {@code text} names a whole schema: in the resource's schemas, or shaped like one. */
  static boolean isSchemaUrn(String text, JsonNode resource) {
    if (!text.regionMatches(true, 0, "urn:", 0, 4)) {
      return false;
    }
    JsonNode schemas = JsonFields.get(resource, "schemas");
    if (schemas != null && schemas.isArray()) {
      for (JsonNode schema : schemas) {
        if (schema.isTextual() && schema.textValue().equalsIgnoreCase(text)) {
          return true;
        }
      }
    }
    // SCIM schema URNs end in "<version>:<ResourceType>", e.g. "2.0:User"; attribute paths do not.
    int last = text.lastIndexOf(':');
    int previous = text.lastIndexOf(':', last - 1);
    return previous > 4
        && VERSION.matcher(text.substring(previous + 1, last)).matches()
        && AttributePath.isAttributeName(text.substring(last + 1));
  }

  /** Core schema attributes live at the top level of a resource; extensions under their URN. */
  static boolean isCore(String schemaUri) {
    return schemaUri.regionMatches(true, 0, CORE_PREFIX, 0, CORE_PREFIX.length());
  }
}
