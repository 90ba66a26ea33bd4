package io.gatehouse.server.identity.scim;

import static io.gatehouse.server.identity.scim.ScimJson.group;
import static io.gatehouse.server.identity.scim.ScimJson.json;
import static io.gatehouse.server.identity.scim.ScimJson.patch;
import static io.gatehouse.server.identity.scim.ScimJson.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7644 §3.5.2 semantics, request validation, immutability of the input and mutability. */
class ScimPatchTest {
  private static final Set<String> READ_ONLY = Set.of("id", "meta", "groups");
  private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  // --- add ---

  @Test
  void addToSingleValuedAttributeReplacesIt() {
    ObjectNode patched = apply(user(), patch("{'op':'add','path':'displayName','value':'Babs'}"));

    assertThat(patched.get("displayName").textValue()).isEqualTo("Babs");
  }

  @Test
  void addComplexValueMergesSubAttributesAndKeepsTheOthers() {
    ObjectNode patched = apply(user(), patch("{'op':'add','path':'name','value':{'givenName':'Babs','middleName':'J'}}"));

    assertThat(patched.get("name")).isEqualTo(json("{'familyName':'Jensen','givenName':'Babs','middleName':'J'}"));
  }

  @Test
  void addToMultiValuedAttributeAppendsAndMovesPrimaryToTheNewValue() {
    ObjectNode patched =
        apply(user(), patch("{'op':'add','path':'emails','value':[{'value':'new@x.org','type':'other','primary':true}]}"));

    assertThat(patched.get("emails")).hasSize(3);
    assertThat(patched.at("/emails/2/value").textValue()).isEqualTo("new@x.org");
    assertThat(patched.at("/emails/0/primary").booleanValue()).isFalse();
  }

  @Test
  void addSingleObjectToKnownMultiValuedAttributeMakesAList() {
    ObjectNode patched = apply(json("{'id':'u1'}"), patch("{'op':'add','path':'phoneNumbers','value':{'value':'555','type':'work'}}"));

    assertThat(patched.get("phoneNumbers").isArray()).isTrue();
    assertThat(patched.get("phoneNumbers")).hasSize(1);
  }

  @Test
  void addOfAnAttributeThatDoesNotExistCreatesIt() {
    ObjectNode patched = apply(json("{'id':'u1'}"), patch("{'op':'add','path':'name.givenName','value':'A'}"));

    assertThat(patched.get("name")).isEqualTo(json("{'givenName':'A'}"));
  }

  // --- replace ---

  @Test
  void replaceMultiValuedWithoutFilterReplacesTheWholeList() {
    ObjectNode patched =
        apply(user(), patch("{'op':'replace','path':'emails','value':[{'value':'only@x.org','type':'work'}]}"));

    assertThat(patched.get("emails")).isEqualTo(json("{'e':[{'value':'only@x.org','type':'work'}]}").get("e"));
  }

  @Test
  void replaceWithFilterAndNoSubAttributeReplacesTheMatchingValues() {
    ObjectNode patched =
        apply(
            user(),
            patch("{'op':'replace','path':'emails[type eq \"home\"]','value':{'value':'babs@home.org','type':'home'}}"));

    assertThat(patched.at("/emails/1")).isEqualTo(json("{'value':'babs@home.org','type':'home'}"));
    assertThat(patched.at("/emails/0/value").textValue()).isEqualTo("bjensen@example.com");
  }

  @Test
  void replaceWithFilterThatMatchesNothingAndNoSubAttributeIsNoTarget() {
    assertScimError(
        () -> apply(user(), patch("{'op':'replace','path':'emails[type eq \"other\"]','value':{'value':'x'}}")),
        "noTarget",
        "Operation 1: No value of 'emails' matches the filter");
  }

  @Test
  void replaceSubAttributeWithFilterThatIsNotAnEqualityIsNoTargetWhenNothingMatches() {
    assertScimError(
        () -> apply(user(), patch("{'op':'replace','path':'emails[value co \"nowhere\"].type','value':'work'}")),
        "noTarget",
        "matches the filter");
  }

  @Test
  void replaceSubAttributeWithFilterCombiningEqualitiesSeedsTheNewValueWithAllOfThem() {
    ObjectNode patched =
        apply(
            json("{'id':'u1'}"),
            patch("{'op':'replace','path':'addresses[type eq \"work\" and country eq \"DE\"].locality','value':'Berlin'}"));

    assertThat(patched.get("addresses"))
        .isEqualTo(json("{'a':[{'type':'work','country':'DE','locality':'Berlin'}]}").get("a"));
  }

  @Test
  void replaceComplexAttributeMergesAsRfcRequires() {
    ObjectNode patched = apply(user(), patch("{'op':'replace','path':'name','value':{'givenName':'B'}}"));

    assertThat(patched.get("name")).isEqualTo(json("{'familyName':'Jensen','givenName':'B'}"));
  }

  @Test
  void replaceWithNullLeavesTheAttributeUnassigned() {
    ObjectNode patched = apply(user(), patch("{'op':'replace','path':'displayName','value':null}"));

    assertThat(patched.has("displayName")).isFalse();
  }

  @Test
  void replaceUsesTheExistingKeySpellingInsteadOfAddingASecondKey() {
    ObjectNode patched =
        apply(user(), patch("{'op':'replace','path':'USERNAME','value':'babs'}", "{'op':'replace','path':'Name.GIVENNAME','value':'B'}"));

    assertThat(patched.get("userName").textValue()).isEqualTo("babs");
    assertThat(patched.has("USERNAME")).isFalse();
    assertThat(patched.get("name")).isEqualTo(json("{'familyName':'Jensen','givenName':'B'}"));
    assertThat(patched.size()).isEqualTo(user().size());
  }

  @Test
  void replaceSubAttributeWithoutFilterOnMultiValuedAttributeChangesEveryValue() {
    ObjectNode patched = apply(user(), patch("{'op':'replace','path':'emails.type','value':'other'}"));

    assertThat(patched.at("/emails/0/type").textValue()).isEqualTo("other");
    assertThat(patched.at("/emails/1/type").textValue()).isEqualTo("other");
  }

  // --- remove ---

  @Test
  void removeMultiValuedAttributeWithoutFilterRemovesAllValues() {
    ObjectNode patched = apply(group(), patch("{'op':'remove','path':'members'}"));

    assertThat(patched.has("members")).isFalse();
  }

  @Test
  void removeWithFilterOfTwoConditionsRemovesOnlyTheValueMatchingBoth() {
    ObjectNode patched =
        apply(user(), patch("{'op':'remove','path':'emails[type eq \"work\" and value ew \"example.com\"]'}"));

    assertThat(patched.get("emails")).hasSize(1);
    assertThat(patched.at("/emails/0/type").textValue()).isEqualTo("home");
  }

  @Test
  void removeSubAttributeOfFilteredValuesKeepsTheValues() {
    ObjectNode patched = apply(user(), patch("{'op':'remove','path':'emails[type eq \"work\"].primary'}"));

    assertThat(patched.at("/emails/0")).isEqualTo(json("{'value':'bjensen@example.com','type':'work'}"));
  }

  @Test
  void removeSubAttributeOfComplexAttribute() {
    ObjectNode patched = apply(user(), patch("{'op':'remove','path':'name.givenName'}"));

    assertThat(patched.get("name")).isEqualTo(json("{'familyName':'Jensen'}"));
  }

  @Test
  void removingTheLastSubAttributeLeavesTheComplexAttributeUnassigned() {
    ObjectNode patched =
        apply(user(), patch("{'op':'remove','path':'name.givenName'}", "{'op':'remove','path':'name.familyName'}"));

    assertThat(patched.has("name")).isFalse();
  }

  @Test
  void removeOfAnAbsentAttributeIsNotAnError() {
    assertThat(apply(user(), patch("{'op':'remove','path':'nickname'}", "{'op':'remove','path':'x509Certificates[value eq \"x\"]'}")))
        .isEqualTo(withoutNickName(user()));
  }

  @Test
  void removeOfLastExtensionAttributeDropsTheExtensionAndItsSchema() {
    ObjectNode patched =
        apply(
            user(),
            patch(
                "{'op':'remove','path':'" + ENTERPRISE + ":employeeNumber'}",
                "{'op':'remove','path':'" + ENTERPRISE + ":department'}",
                "{'op':'remove','path':'" + ENTERPRISE + ":manager'}"));

    assertThat(patched.has(ENTERPRISE)).isFalse();
    assertThat(patched.get("schemas")).hasSize(1);
  }

  @Test
  void removeOfTheExtensionSchemaPathRemovesTheWholeExtension() {
    ObjectNode patched = apply(user(), patch("{'op':'remove','path':'" + ENTERPRISE + "'}"));

    assertThat(patched.has(ENTERPRISE)).isFalse();
    assertThat(patched.get("schemas").toString()).doesNotContain("enterprise");
  }

  @Test
  void operationsApplyInOrder() {
    ObjectNode patched =
        apply(
            group(),
            patch(
                "{'op':'remove','path':'members'}",
                "{'op':'add','path':'members','value':[{'value':'a'}]}",
                "{'op':'add','path':'members','value':[{'value':'b'}]}",
                "{'op':'remove','path':'members[value eq \"a\"]'}"));

    assertThat(patched.get("members")).isEqualTo(json("{'m':[{'value':'b'}]}").get("m"));
  }

  // --- immutability and mutability ---

  @Test
  void inputResourceAndRequestAreNeverModified() {
    ObjectNode resource = user();
    ObjectNode request =
        patch(
            "{'op':'add','path':'emails','value':[{'value':'n@x.org','primary':true}]}",
            "{'op':'replace','path':'name','value':{'givenName':'Z'}}",
            "{'op':'remove','path':'emails[type eq \"home\"]'}",
            "{'op':'replace','value':{'active':'false','" + ENTERPRISE + "':{'department':'X'}}}");
    ObjectNode requestBefore = request.deepCopy();

    ObjectNode patched = apply(resource, request);
    ((ObjectNode) patched.at("/emails/1")).put("value", "changed-after");

    assertThat(resource).isEqualTo(user());
    assertThat(request).isEqualTo(requestBefore);
    assertThat(patched).isNotSameAs(resource);
  }

  @Test
  void failedPatchLeavesTheInputUntouched() {
    ObjectNode resource = user();

    assertThatThrownBy(
        () -> apply(resource, patch("{'op':'replace','path':'displayName','value':'X'}", "{'op':'replace','path':'id','value':'other'}")))
        .isInstanceOf(ScimException.class);

    assertThat(resource).isEqualTo(user());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{'op':'replace','path':'id','value':'other'}                    | id",
        "{'op':'remove','path':'id'}                                     | id",
        "{'op':'remove','path':'meta'}                                   | meta",
        "{'op':'replace','path':'meta.lastModified','value':'2020-01-01T00:00:00Z'} | meta",
        "{'op':'add','value':{'groups':[{'value':'g9'}]}}                | groups",
        "{'op':'add','path':'groups','value':[{'value':'g9'}]}           | groups",
        "{'op':'replace','value':{'ID':'other'}}                         | id",
        "{'op':'replace','value':{'urn:ietf:params:scim:schemas:core:2.0:User:id':'other'}} | id",
      })
  void changingAReadOnlyAttributeIsAMutabilityError(String operation, String attribute) {
    assertScimError(
        () -> apply(user(), patch(operation.strip())),
        "mutability",
        "Operation 1: the attribute '" + attribute.strip() + "' is read-only");
  }

  @Test
  void readOnlyKeysMayBeGivenInAnyCaseAndAsSubAttributes() {
    assertScimError(
        () -> ScimPatch.apply(user(), patch("{'op':'replace','path':'name.givenName','value':'X'}"), Set.of("Name.GivenName")),
        "mutability",
        "'name.givenname' is read-only");
    assertThat(ScimPatch.apply(user(), patch("{'op':'replace','path':'name.familyName','value':'X'}"), Set.of("name.givenname")))
        .isNotNull();
  }

  // --- request validation ---

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{'Operations':[{'op':'remove','path':'title'}]}                                     | invalidSyntax | 'schemas' must contain",
        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'Operations':[{'op':'remove','path':'title'}]} | invalidSyntax | 'schemas' must contain",
        "{'schemas':'urn:ietf:params:scim:api:messages:2.0:PatchOp','Operations':[{'op':'remove','path':'title'}]} | invalidSyntax | 'schemas' must contain",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp']}                         | invalidSyntax | 'Operations' must be a non-empty array",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[]}         | invalidSyntax | 'Operations' must be a non-empty array",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':{}}         | invalidSyntax | 'Operations' must be a non-empty array",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':['add']}    | invalidSyntax | Operation 1: an operation must be a JSON object",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'move','path':'title'}]} | invalidSyntax | Operation 1: 'op' must be",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'path':'title'}]} | invalidSyntax | Operation 1: 'op' must be",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'add','path':'title'}]} | invalidValue | Operation 1: 'value' is required for add",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'add','value':'x'}]} | invalidValue | Without a path, 'value' must be an object",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove'}]} | noTarget | Operation 1: A remove operation needs a 'path'",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':7}]} | invalidPath | 'path' must be a string",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':'na me'}]} | invalidPath | is not a valid attribute path",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':'emails[type eq'}]} | invalidPath | the '[' is not closed",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':'emails[type xx \"w\"]'}]} | invalidPath | Invalid value filter in path at position 13",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':'emails[type eq \"w\"]value'}]} | invalidPath | only '.subAttribute' may follow ']'",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':'emails[type eq \"w\"].x.y'}]} | invalidPath | only '.subAttribute' may follow ']'",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':'urn:ietf:params:scim:schemas:core:2.0:User'}]} | invalidPath | The core schema cannot be removed",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'add','path':'emails[type eq \"w\"]','value':'x'}]} | noTarget | No value of 'emails' matches",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'replace','path':'name[givenName eq \"Barbara\"].familyName','value':'X'}]} | invalidPath | 'name' is not multi-valued",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':'name[givenName eq \"Barbara\"]'}]} | invalidPath | 'name' is not multi-valued",
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'replace','path':'displayName.first','value':'X'}]} | invalidPath | 'displayName' has no sub-attributes",
      })
  void rejectsMalformedRequests(String request, String scimType, String message) {
    assertScimError(() -> apply(user(), json(request.strip())), scimType.strip(), message.strip());
  }

  @Test
  void errorNamesTheOperationThatFailed() {
    assertScimError(
        () -> apply(user(), patch("{'op':'replace','path':'title','value':'x'}", "{'op':'remove'}")),
        "noTarget",
        "Operation 2: A remove operation needs a 'path'");
  }

  @Test
  void acceptsLowerCaseOperationsKeyAndEmptyPathAsPathless() {
    ObjectNode patched =
        apply(
            user(),
            json("{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                + "'operations':[{'op':'REPLACE','path':'','value':{'title':'Boss'}}]}"));

    assertThat(patched.get("title").textValue()).isEqualTo("Boss");
  }

  @Test
  void acceptsAThousandOperationsAndRefusesMoreAsTooMany() {
    String op = "{'op':'replace','path':'title','value':'t'}";
    assertThat(apply(user(), patch(Collections.nCopies(1_000, op).toArray(String[]::new))).get("title").textValue())
        .isEqualTo("t");

    assertScimError(
        () -> apply(user(), patch(Collections.nCopies(1_001, op).toArray(String[]::new))),
        "tooMany",
        "at most 1000 operations, not 1001");
  }

  @Test
  void nonObjectBodyIsInvalidSyntax() {
    assertScimError(() -> ScimPatch.apply(user(), json("{'a':1}").get("a"), READ_ONLY), "invalidSyntax", "must be a JSON object");
    assertScimError(() -> ScimPatch.apply(user(), null, READ_ONLY), "invalidSyntax", "must be a JSON object");
  }

  private static ObjectNode withoutNickName(ObjectNode resource) {
    resource.remove("nickName");
    return resource;
  }

  private static void assertScimError(ThrowingCallable call, String scimType, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).isEqualTo(scimType);
              assertThat(e.getMessage()).contains(message);
            });
  }

  private static ObjectNode apply(ObjectNode resource, JsonNode request) {
    return ScimPatch.apply(resource, request, READ_ONLY);
  }
}
