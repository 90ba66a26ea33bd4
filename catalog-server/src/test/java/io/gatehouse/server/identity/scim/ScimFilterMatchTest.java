package io.gatehouse.server.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScimFilterMatchTest {
  private static final ObjectNode USER = ScimJson.user();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // attribute names and string values ignore case
        "userName eq \"bjensen@example.com\"               | true",
        "USERNAME Eq \"BJENSEN@EXAMPLE.COM\"               | true",
        "userName eq \"bjensen\"                           | false",
        "userName ne \"bjensen\"                           | true",
        "userName ne \"BJENSEN@example.com\"               | false",
        // id is caseExact (RFC 7643 §3.1)
        "id eq \"2819c223-7f76-453a-919d-413861904646\"    | true",
        "id eq \"2819C223-7F76-453A-919D-413861904646\"    | false",
        "name.familyName sw \"jen\"                        | true",
        "name.givenName ew \"ARA\"                         | true",
        "name.givenName co \"rbar\"                        | true",
        "name.givenName co \"xyz\"                         | false",
        "displayName gt \"babs\"                           | true",
        "displayName lt \"BABS\"                           | false",
        // multi-valued: any value; a complex value without sub-attribute compares its 'value'
        "emails eq \"babs@jensen.org\"                     | true",
        "emails co \"@jensen\"                             | true",
        "emails.type eq \"home\"                           | true",
        "emails.type eq \"other\"                          | false",
        "emails[type eq \"work\" and value co \"@example.com\"] | true",
        "emails.type eq \"home\" and emails.value co \"@example.com\" | true",
        "emails[type eq \"home\" and value co \"@example.com\"] | false",
        "emails[primary eq true]                          | true",
        "emails[not (primary pr)]                         | true",
        "emails[type eq \"work\"] and not (emails[type eq \"other\"]) | true",
        "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\" | true",
        // pr is present and neither null nor empty
        "displayName pr                                   | true",
        "title pr                                         | false",
        "nickName pr                                      | false",
        "missing pr                                       | false",
        "emails pr                                        | true",
        "name.middleName pr                               | false",
        "emails.primary pr                                | true",
        // booleans and numbers
        "active eq true                                   | true",
        "active eq false                                  | false",
        "active ne false                                  | true",
        "active eq \"true\"                               | false",
        "loginCount gt 41                                 | true",
        "loginCount le 41.5                               | false",
        "loginCount eq 42.0                               | true",
        "loginCount ge 4.2e1                              | true",
        "loginCount eq \"42\"                             | false",
        // dateTimes compare as instants, whatever the offset
        "meta.lastModified gt \"2011-05-13T04:42:33Z\"     | true",
        "meta.lastModified gt \"2011-05-13T06:42:34+02:00\" | false",
        "meta.lastModified ge \"2011-05-13T06:42:34+02:00\" | true",
        "meta.created lt \"2011-01-01T00:00:00.000Z\"      | true",
        // null and absent attributes
        "nickName eq null                                 | true",
        "missing eq null                                  | true",
        "userName eq null                                 | false",
        "nickName ne null                                 | false",
        "missing ne \"x\"                                 | true",
        "missing eq \"x\"                                 | false",
        "missing gt \"x\"                                 | false",
        "not (missing eq \"x\")                           | true",
        // schema-qualified paths
        "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"bjensen\" | true",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\" | true",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value sw \"26118915\" | true",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName pr | false",
        "employeeNumber pr                                | false",
        // logic
        "userName eq \"x\" or displayName co \"babs\"       | true",
        "userName eq \"x\" or displayName co \"bobs\"       | false",
        "active eq true and not (title pr)                | true",
        "not (active eq true and userName sw \"b\")         | false",
      })
  void evaluatesFilterAgainstUserResource(String filter, boolean expected) {
    assertThat(ScimFilter.parse(filter.strip()).matches(USER)).isEqualTo(expected);
  }

  @Test
  void caseExactAttributesCanBeChosenPerCall() {
    ScimFilter filter = ScimFilter.parse("externalId eq \"BJENSEN\"");

    assertThat(filter.matches(USER)).isTrue();
    assertThat(filter.matches(USER, Set.of("id", "externalid"))).isFalse();
    assertThat(filter.matches(USER, Set.of("externalId"))).isFalse();
    assertThat(ScimFilter.parse("emails[value eq \"BJENSEN@example.com\"]").matches(USER, Set.of("emails.value")))
        .isFalse();
    assertThat(ScimFilter.parse("emails[value eq \"BJENSEN@example.com\"]").matches(USER)).isTrue();
  }

  @Test
  void groupMemberValueFilterFindsMemberById() {
    ObjectNode group = ScimJson.group();

    assertThat(ScimFilter.parse("members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]").matches(group)).isTrue();
    assertThat(ScimFilter.parse("members[value eq \"00000000-0000-0000-0000-000000000000\"]").matches(group)).isFalse();
    assertThat(ScimFilter.parse("displayName eq \"tour guides\"").matches(group)).isTrue();
  }

  @Test
  void multiValuedPrimitiveValuesMatchThroughValueSubAttribute() {
    ObjectNode resource = ScimJson.json("{'tags': ['red', 'Blue']}");

    assertThat(ScimFilter.parse("tags eq \"blue\"").matches(resource)).isTrue();
    assertThat(ScimFilter.parse("tags[value sw \"r\"]").matches(resource)).isTrue();
    assertThat(ScimFilter.parse("tags[value eq \"green\"]").matches(resource)).isFalse();
  }
}
