package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.AuthzAttacks.admin;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.adversarial.AuthzAttacks.Who;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.PolicyStore;
import io.gatehouse.server.authz.PolicyVersionHeader;
import io.gatehouse.server.catalog.Api;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A request decides against one policy snapshot from its first decision to its last. Before the
 * fix every decision read the replica's newest snapshot: a grant committed while ResolveTable
 * was answering let the answer report one version and decide part of itself on the next, so an
 * engine cached a decision under a version that never made it.
 */
@QuarkusTest
class AuthzSnapshotPinningAttackTest {
  @Inject
  Authorizer authorizer;

  @Inject
  PolicyStore policies;

  @Test
  void aGrantCommittedDuringARequestDoesNotReachThatRequestsDecisions() {
    Who reader = AuthzAttacks.user("pinned");
    String c = Api.unique("pin");
    admin("CREATE CATALOG " + c);
    ManagedContext request = Arc.container().requestContext();
    request.activate();
    try {
      long pinned = authorizer.snapshot().version();
      // Another request commits a grant; this replica swaps its snapshot in at once.
      admin("GRANT USE CATALOG ON CATALOG " + c + " TO `" + reader.name() + "`");
      assertThat(policies.current().version()).as("the replica moved on").isGreaterThan(pinned);
      assertThat(authorizer.snapshot().version()).as("the request did not").isEqualTo(pinned);
    } finally {
      request.terminate();
    }
    request.activate();
    try {
      assertThat(authorizer.snapshot().version()).as("the next request decides on the new version")
          .isEqualTo(policies.current().version());
    } finally {
      request.terminate();
    }
  }

  @Test
  void restAnswersNameThePolicyVersionTheyWereDecidedOn() {
    Who stranger = AuthzAttacks.user("pinstranger");
    String c = Api.unique("pinhdr");
    admin("CREATE CATALOG " + c);
    long now = policies.current().version();
    String header = Api.json().get(Api.BASE + "/catalogs/" + c).then().statusCode(200)
        .extract().header(PolicyVersionHeader.HEADER);
    assertThat(header).isNotNull();
    assertThat(Long.parseLong(header)).isEqualTo(now);
    // A refusal is a decision too: the caller learns which version refused it.
    String refused = AuthzAttacks.get(stranger, "/catalogs/" + c).statusCode(403).extract().header(PolicyVersionHeader.HEADER);
    assertThat(refused).isEqualTo(header);
  }
}
