package io.gatehouse.server.identity.scim;

import static io.gatehouse.server.identity.scim.ScimJson.group;
import static io.gatehouse.server.identity.scim.ScimJson.json;
import static io.gatehouse.server.identity.scim.ScimJson.patch;
import static io.gatehouse.server.identity.scim.ScimJson.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The PATCH bodies Okta and Microsoft Entra ID send, as their SCIM documentation shows them. */
class ScimPatchIdentityProviderTest {
  private static final Set<String> READ_ONLY = Set.of("id", "meta", "groups");
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String BABS = "2819c223-7f76-453a-919d-413861904646";
  private static final String MANDY = "902c246b-6245-4190-8e05-00816be7344a";

  // --- Okta ---

  @Test
  void oktaDeactivationByPathlessReplaceSetsActiveFalse() {
    ObjectNode patched = apply(user(), patch("{'op':'replace','value':{'active':false}}"));

    assertThat(patched.get("active").booleanValue()).isFalse();
    assertThat(patched.get("userName").textValue()).isEqualTo("Bjensen@Example.com");
  }

  @Test
  void oktaGroupRenameThatEchoesTheUnchangedIdIsAccepted() {
    ObjectNode patched =
        apply(
            group(),
            patch("{'op':'replace','value':{'id':'e9e30dba-f08f-4109-8486-d5c6a331660a','displayName':'Guides'}}"));

    assertThat(patched.get("displayName").textValue()).isEqualTo("Guides");
  }

  @Test
  void oktaAddMembersAppendsNewMembersAndSkipsOnesAlreadyThere() {
    ObjectNode patched =
        apply(
            group(),
            patch(
                "{'op':'add','path':'members','value':[{'value':'" + BABS + "','display':'Babs'},"
                    + "{'value':'c0ffee00-0000-0000-0000-000000000001','display':'New Hire'}]}"));

    assertThat(patched.get("members")).hasSize(3);
    assertThat(patched.at("/members/2/value").textValue()).isEqualTo("c0ffee00-0000-0000-0000-000000000001");
    assertThat(patched.at("/members/0/display").textValue()).isEqualTo("Babs Jensen");
  }

  @Test
  void oktaRemoveMemberByValueFilterRemovesOnlyThatMember() {
    ObjectNode patched = apply(group(), patch("{'op':'remove','path':'members[value eq \"" + BABS + "\"]'}"));

    assertThat(patched.get("members")).hasSize(1);
    assertThat(patched.at("/members/0/value").textValue()).isEqualTo(MANDY);
  }

  @Test
  void oktaRemovingAMemberWhoIsNotInTheGroupChangesNothing() {
    ObjectNode patched =
        apply(group(), patch("{'op':'remove','path':'members[value eq \"00000000-0000-0000-0000-000000000000\"]'}"));

    assertThat(patched).isEqualTo(group());
  }

  @Test
  void oktaReplaceMembersWithPathReplacesTheWholeList() {
    ObjectNode patched =
        apply(group(), patch("{'op':'replace','path':'members','value':[{'value':'" + MANDY + "'}]}"));

    assertThat(patched.get("members")).isEqualTo(json("{'m':[{'value':'" + MANDY + "'}]}").get("m"));
  }

  // --- Microsoft Entra ID ---

  @Test
  void entraReplaceActiveWithCapitalisedStringFalseStoresBooleanFalse() {
    ObjectNode patched = apply(user(), patch("{'op':'Replace','path':'active','value':'False'}"));

    assertThat(patched.get("active").isBoolean()).isTrue();
    assertThat(patched.get("active").booleanValue()).isFalse();
  }

  @Test
  void entraPathlessReplaceWithStringTrueStoresBooleanTrue() {
    ObjectNode inactive = apply(user(), patch("{'op':'replace','path':'active','value':false}"));

    ObjectNode patched = apply(inactive, patch("{'op':'Replace','value':{'active':'True'}}"));

    assertThat(patched.get("active").booleanValue()).isTrue();
  }

  @Test
  void entraAddMembersWithCapitalisedOpAppendsMembers() {
    ObjectNode patched =
        apply(group(), patch("{'op':'Add','path':'members','value':[{'value':'c0ffee00-0000-0000-0000-000000000001'}]}"));

    assertThat(patched.get("members")).hasSize(3);
  }

  @Test
  void entraRemoveMembersWithValueListRemovesOnlyThoseMembers() {
    ObjectNode patched = apply(group(), patch("{'op':'Remove','path':'members','value':[{'value':'" + MANDY + "'}]}"));

    assertThat(patched.get("members")).hasSize(1);
    assertThat(patched.at("/members/0/value").textValue()).isEqualTo(BABS);
  }

  @Test
  void entraRemovingTheLastMembersByValueListLeavesMembersUnassigned() {
    ObjectNode patched =
        apply(
            group(),
            patch("{'op':'Remove','path':'members','value':[{'value':'" + MANDY + "'},{'value':'" + BABS + "'}]}"));

    assertThat(patched.has("members")).isFalse();
  }

  @Test
  void entraReplaceWorkEmailValueUpdatesTheWorkEmailOnly() {
    ObjectNode patched =
        apply(user(), patch("{'op':'Replace','path':'emails[type eq \"work\"].value','value':'a@b.c'}"));

    assertThat(patched.at("/emails/0/value").textValue()).isEqualTo("a@b.c");
    assertThat(patched.at("/emails/0/type").textValue()).isEqualTo("work");
    assertThat(patched.at("/emails/0/primary").booleanValue()).isTrue();
    assertThat(patched.at("/emails/1/value").textValue()).isEqualTo("babs@jensen.org");
  }

  @Test
  void entraReplaceWorkEmailValueAddsAWorkEmailWhenThereIsNone() {
    ObjectNode noWorkEmail =
        apply(user(), patch("{'op':'remove','path':'emails[type eq \"work\"]'}"));

    ObjectNode patched =
        apply(noWorkEmail, patch("{'op':'Replace','path':'emails[type eq \"work\"].value','value':'a@b.c'}"));

    assertThat(patched.get("emails")).hasSize(2);
    assertThat(patched.at("/emails/1")).isEqualTo(json("{'type':'work','value':'a@b.c'}"));
  }

  @Test
  void entraAddWorkEmailValueOnUserWithoutEmailsCreatesTheList() {
    ObjectNode bare = json("{'id':'u1','userName':'x'}");

    ObjectNode patched =
        apply(bare, patch("{'op':'Add','path':'emails[type eq \"work\"].value','value':'x@example.com'}"));

    assertThat(patched.get("emails")).isEqualTo(json("{'e':[{'type':'work','value':'x@example.com'}]}").get("e"));
  }

  @Test
  void entraPrimaryStringBooleanOnFilteredPathBecomesBoolean() {
    ObjectNode patched =
        apply(user(), patch("{'op':'Replace','path':'emails[type eq \"home\"].primary','value':'True'}"));

    assertThat(patched.at("/emails/1/primary").isBoolean()).isTrue();
    assertThat(patched.at("/emails/1/primary").booleanValue()).isTrue();
    assertThat(patched.at("/emails/0/primary").booleanValue()).as("only one primary").isFalse();
  }

  @Test
  void entraReplaceGivenNameBySubAttributePathKeepsFamilyName() {
    ObjectNode patched = apply(user(), patch("{'op':'replace','path':'name.givenName','value':'X'}"));

    assertThat(patched.get("name")).isEqualTo(json("{'familyName':'Jensen','givenName':'X'}"));
  }

  @Test
  void entraAddExternalIdSetsIt() {
    ObjectNode patched = apply(json("{'id':'u1','userName':'x'}"), patch("{'op':'Add','path':'externalId','value':'ext-1'}"));

    assertThat(patched.get("externalId").textValue()).isEqualTo("ext-1");
  }

  @Test
  void entraPathlessValueWithDottedKeysSetsSubAttributes() {
    ObjectNode patched =
        apply(user(), patch("{'op':'Replace','value':{'name.givenName':'A','name.familyName':'B','displayName':'A B'}}"));

    assertThat(patched.get("name")).isEqualTo(json("{'familyName':'B','givenName':'A'}"));
    assertThat(patched.get("displayName").textValue()).isEqualTo("A B");
  }

  @Test
  void entraPathlessValueWithNestedObjectMergesSubAttributes() {
    ObjectNode patched = apply(user(), patch("{'op':'Add','value':{'name':{'middleName':'Jane'},'title':'Guide'}}"));

    assertThat(patched.get("name")).isEqualTo(json("{'familyName':'Jensen','givenName':'Barbara','middleName':'Jane'}"));
    assertThat(patched.get("title").textValue()).isEqualTo("Guide");
  }

  @Test
  void entraPathlessValueWithUrnPrefixedKeysReachesCoreAndExtension() {
    ObjectNode patched =
        apply(
            user(),
            patch(
                "{'op':'Replace','value':{'urn:ietf:params:scim:schemas:core:2.0:User:displayName':'Babs',"
                    + "'" + ENTERPRISE + ":department':'IT',"
                    + "'" + ENTERPRISE + ":manager.value':'m-2'}}"));

    assertThat(patched.get("displayName").textValue()).isEqualTo("Babs");
    assertThat(patched.get(ENTERPRISE))
        .isEqualTo(json("{'employeeNumber':'701984','department':'IT','manager':{'value':'m-2'}}"));
    assertThat(patched.has(ENTERPRISE + ":department")).isFalse();
  }

  @Test
  void entraEnterpriseAttributePathOnUserWithoutExtensionCreatesItAndListsTheSchema() {
    ObjectNode bare = json("{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'u1','userName':'x'}");

    ObjectNode patched =
        apply(bare, patch("{'op':'Add','path':'" + ENTERPRISE + ":employeeNumber','value':'123'}"));

    assertThat(patched.get(ENTERPRISE)).isEqualTo(json("{'employeeNumber':'123'}"));
    assertThat(patched.get("schemas")).hasSize(2);
    assertThat(patched.at("/schemas/1").textValue()).isEqualTo(ENTERPRISE);
  }

  @Test
  void pathlessValueKeyedByExtensionSchemaMergesIntoTheExtension() {
    ObjectNode patched = apply(user(), patch("{'op':'replace','value':{'" + ENTERPRISE + "':{'employeeNumber':'9'}}}"));

    assertThat(patched.get(ENTERPRISE).get("employeeNumber").textValue()).isEqualTo("9");
    assertThat(patched.get(ENTERPRISE).get("department").textValue()).isEqualTo("Tour Operations");
  }

  @Test
  void extensionSchemaAsPathWithObjectValueMergesIntoTheExtension() {
    ObjectNode patched =
        apply(user(), patch("{'op':'replace','path':'" + ENTERPRISE + "','value':{'costCenter':'4130'}}"));

    assertThat(patched.get(ENTERPRISE).get("costCenter").textValue()).isEqualTo("4130");
    assertThat(patched.get(ENTERPRISE).get("employeeNumber").textValue()).isEqualTo("701984");
  }

  @Test
  void customExtensionSchemaKeyIsRecognisedByItsVersionedShape() {
    String custom = "urn:ietf:params:scim:schemas:extension:custom:2.0:User";

    ObjectNode patched = apply(user(), patch("{'op':'add','value':{'" + custom + "':{'worksiteId':'180'}}}"));

    assertThat(patched.get(custom)).isEqualTo(json("{'worksiteId':'180'}"));
    assertThat(patched.get("schemas").toString()).contains(custom);
  }

  @Test
  void entraRolesAddWithPrimaryStringAndRemoveByFilter() {
    ObjectNode withRole =
        apply(
            user(),
            patch("{'op':'Add','path':'roles','value':[{'value':'Admin','type':'app','primary':'false'}]}"));
    assertThat(withRole.at("/roles/0/primary").isBoolean()).isTrue();

    ObjectNode patched = apply(withRole, patch("{'op':'Remove','path':'roles[value eq \"Admin\"]'}"));

    assertThat(patched.has("roles")).isFalse();
  }

  private static ObjectNode apply(ObjectNode resource, ObjectNode request) {
    return ScimPatch.apply(resource, request, READ_ONLY);
  }
}
