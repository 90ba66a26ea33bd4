package io.gatehouse.server.identity.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Test JSON in single quotes, so SCIM filters with double quotes read as the IdPs send them. */
final class ScimJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  private ScimJson() {}

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad test JSON: " + text, e);
    }
  }

  /** A PatchOp request holding the given operations, each a JSON object. */
  static ObjectNode patch(String... operations) {
    return json(
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
            + String.join(",", operations)
            + "]}");
  }

  /** A user as SCIM serializes it, modelled on RFC 7643 §8.2. */
  static ObjectNode user() {
    return json(
        """
        {'schemas': ['urn:ietf:params:scim:schemas:core:2.0:User',
                     'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
         'id': '2819c223-7f76-453a-919d-413861904646',
         'externalId': 'bjensen',
         'userName': 'Bjensen@Example.com',
         'name': {'familyName': 'Jensen', 'givenName': 'Barbara'},
         'displayName': 'Babs Jensen',
         'nickName': null,
         'title': '',
         'active': true,
         'loginCount': 42,
         'emails': [
           {'value': 'bjensen@example.com', 'type': 'work', 'primary': true},
           {'value': 'babs@jensen.org', 'type': 'home'}],
         'groups': [{'value': 'e9e30dba-f08f-4109-8486-d5c6a331660a', 'display': 'Tour Guides'}],
         'meta': {'resourceType': 'User',
                  'created': '2010-01-23T04:56:22Z',
                  'lastModified': '2011-05-13T04:42:34Z'},
         'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
           'employeeNumber': '701984',
           'department': 'Tour Operations',
           'manager': {'value': '26118915-6090-4610-87e4-49d8ca9f808d'}}}
        """);
  }

  /** A group with two members, modelled on RFC 7643 §8.4. */
  static ObjectNode group() {
    return json(
        """
        {'schemas': ['urn:ietf:params:scim:schemas:core:2.0:Group'],
         'id': 'e9e30dba-f08f-4109-8486-d5c6a331660a',
         'displayName': 'Tour Guides',
         'members': [
           {'value': '2819c223-7f76-453a-919d-413861904646', 'display': 'Babs Jensen'},
           {'value': '902c246b-6245-4190-8e05-00816be7344a', 'display': 'Mandy Pepperidge'}],
         'meta': {'resourceType': 'Group', 'created': '2010-01-23T04:56:22Z'}}
        """);
  }
}
