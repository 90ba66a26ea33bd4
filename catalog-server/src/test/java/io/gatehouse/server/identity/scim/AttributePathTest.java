package io.gatehouse.server.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttributePathTest {
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "userName, -, userName, -, username",
        "name.givenName, -, name, givenName, name.givenname",
        "emails.value, -, emails, value, emails.value",
        "members.$ref, -, members, $ref, members.$ref",
        "urn:ietf:params:scim:schemas:core:2.0:User:userName,"
            + " urn:ietf:params:scim:schemas:core:2.0:User, userName, -, username",
        "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName,"
            + " urn:ietf:params:scim:schemas:core:2.0:User, name, familyName, name.familyname",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber,"
            + " urn:ietf:params:scim:schemas:extension:enterprise:2.0:User, employeeNumber, -,"
            + " employeenumber",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value,"
            + " urn:ietf:params:scim:schemas:extension:enterprise:2.0:User, manager, value,"
            + " manager.value",
      })
  void parsesPlainDottedAndUrnPrefixedPaths(
      String text, String schemaUri, String attribute, String subAttribute, String key) {
    AttributePath path = AttributePath.parse(text);

    assertThat(path.schemaUri()).isEqualTo(schemaUri);
    assertThat(path.attribute()).isEqualTo(attribute);
    assertThat(path.subAttribute()).isEqualTo(subAttribute);
    assertThat(path.key()).isEqualTo(key);
    assertThat(path.toString()).isEqualTo(text);
  }

  @Test
  void equalityIgnoresCaseAsScimAttributeNamesDo() {
    assertThat(AttributePath.parse("NAME.GivenName")).isEqualTo(new AttributePath(null, "name", "givenName"));
    assertThat(AttributePath.parse("NAME.GivenName").hashCode())
        .isEqualTo(new AttributePath(null, "name", "givenName").hashCode());
    assertThat(AttributePath.parse(ENTERPRISE.toUpperCase() + ":EmployeeNumber"))
        .isEqualTo(new AttributePath(ENTERPRISE, "employeeNumber", null));
    assertThat(AttributePath.parse("name.givenName")).isNotEqualTo(AttributePath.parse("name.familyName"));
  }

  @Test
  void coreSchemaPrefixIsCoreAndExtensionIsNot() {
    assertThat(AttributePath.parse("userName").isCoreSchema()).isTrue();
    assertThat(AttributePath.parse("urn:ietf:params:scim:schemas:core:2.0:Group:displayName").isCoreSchema()).isTrue();
    assertThat(AttributePath.parse(ENTERPRISE + ":employeeNumber").isCoreSchema()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "1name", "name.", ".name", "name..x", "a.b.c", "user name", "name-[", "foo:bar",
        "urn::x:userName", "urn:ietf:params:scim:schemas:core:2.0:User:", "emails[type eq \"w\"]",
      })
  void rejectsMalformedPathsAsInvalidPath(String text) {
    assertThatThrownBy(() -> AttributePath.parse(text))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).isEqualTo("invalidPath");
            });
  }
}
