package io.gatehouse.server.adversarial;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.gatehouse.credentials.testing.SamlTestIdp;
import io.gatehouse.credentials.testing.WireRecorder;
import io.gatehouse.credentials.testing.WireRecorder.Answer;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * STS failures reach the client as the role, STS's code and the status: never STS's own text
 * (which names the catalog's identity and hosts) nor the SDK's (its credential-provider chain,
 * its parsers). The SAML passthrough endpoint is a recorder here, so STS can answer anything.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class StorageStsErrorAttackTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/saml-errors";
  static final String INTERNAL = "arn:aws:iam::123456789012:user/gatehouse-catalog-internal";
  final WireRecorder sts = CredentialTestServers.samlSts();
  final SamlTestIdp idp = CredentialTestServers.samlIdp();
  LakeWorld lake;
  String tableId;
  String email;

  @BeforeEach
  void table() {
    lake = LakeWorld.get();
    String credential = Storage.credential(ROLE, "SAML_PASSTHROUGH");
    String prefix = Api.unique("stserr").toLowerCase().replace('_', '-');
    Storage.location(lake.url(prefix), credential);
    String t = Api.unique("stserr");
    tableId = lake.table(t, prefix + "/" + t);
    email = Identities.email("stserr");
    Identities.user(email);
    lake.outsideEngine(email);
    Storage.grant("table", lake.fullName(t), email, "SELECT");
    sts.clear();
  }

  @AfterEach
  void answerCredentialsAgain() {
    sts.answer(r -> Answer.xml(200, WireRecorder.stsCredentials("AssumeRoleWithSAML", "ASIASAMLWIRE", "2030-01-01T00:00:00Z")));
  }

  ValidatableResponse vend() {
    return Storage.as(email).body(Map.of("table_id", tableId, "operation", "READ",
            "saml_response", idp.response(email).role(ROLE).base64()))
        .post(Api.BASE + "/temporary-table-credentials").then();
  }

  @Test
  void aRefusalNamesTheRoleCodeAndStatusButNotStsText() {
    sts.answer(r -> Answer.xml(403, WireRecorder.stsError("AccessDenied",
        "User: " + INTERNAL + " is not authorized to perform: sts:AssumeRoleWithSAML on sts-backend-7.corp")));
    Api.error(vend(), 403, "PERMISSION_DENIED")
        .body("message", containsString(ROLE))
        .body("message", containsString("AccessDenied"))
        .body("message", containsString("403"))
        .body("message", not(containsString("gatehouse-catalog-internal")))
        .body("message", not(containsString("sts-backend-7")));
  }

  @Test
  void anUnavailableStsNamesTheRoleAndStatusButNotStsText() {
    sts.answer(r -> Answer.xml(503, WireRecorder.stsError("ServiceUnavailable", "backend sts-backend-7.corp:8443 is down")));
    Api.error(vend(), 503, "UNAVAILABLE")
        .body("message", containsString(ROLE))
        .body("message", containsString("503"))
        .body("message", not(containsString("sts-backend-7")));
  }

  @Test
  void anAnswerTheSdkCannotReadIsUnavailableWithoutTheSdksWords() {
    sts.answer(r -> new Answer(200, "<<< not xml at all", Map.of("Content-Type", "text/xml")));
    Api.error(vend(), 503, "UNAVAILABLE")
        .body("message", containsString(ROLE))
        .body("message", not(containsString("Unable")))
        .body("message", not(containsString("unmarshall")))
        .body("message", not(containsString("software.amazon")))
        .body("message", not(containsString("Provider")));
  }
}
