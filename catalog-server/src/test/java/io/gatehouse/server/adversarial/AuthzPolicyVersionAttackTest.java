package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.AuthzAttacks.admin;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.AuthorizeResponse;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.PolicyVersion;
import io.gatehouse.proto.v1.Privilege;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.proto.v1.WatchPolicyVersionRequest;
import io.gatehouse.server.adversarial.AuthzAttacks.Who;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Engines cache answers by policy version and drop their caches when WatchPolicyVersion says the
 * version moved. Every change that can change an answer must move it, within a second, and the
 * answers at the new version must reflect the change. Before the fix, membership changes,
 * ownership changes and DDL moved nothing: an engine kept showing unmasked e-mails to a user
 * removed from the mask-exempt group.
 */
@QuarkusTest
class AuthzPolicyVersionAttackTest {
  private static final long WITHIN_MILLIS = 1000;

  @Inject
  AgroalDataSource dataSource;

  private ManagedChannel watchChannel;
  private final LinkedBlockingQueue<Long> versions = new LinkedBlockingQueue<>();
  private long last;

  /** An engine-style watcher: one stream, read on its own thread, as an engine's cache keeper would. */
  @BeforeEach
  void watch() throws InterruptedException {
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    watchChannel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    Iterator<PolicyVersion> stream = AuthorizationServiceGrpc.newBlockingStub(watchChannel)
        .withCallCredentials(AuthzAttacks.bearer(Api.ADMIN_TOKEN)).withDeadlineAfter(10, TimeUnit.MINUTES)
        .watchPolicyVersion(WatchPolicyVersionRequest.getDefaultInstance());
    Thread reader = new Thread(() -> {
      try {
        while (stream.hasNext()) {
          versions.add(stream.next().getVersion());
        }
      } catch (RuntimeException e) {
        // the channel is shut down after the test
      }
    }, "policy-version-watcher");
    reader.setDaemon(true);
    reader.start();
    Long first = versions.poll(10, TimeUnit.SECONDS);
    assertThat(first).as("the current version at once").isNotNull();
    last = first;
  }

  @AfterEach
  void stop() throws InterruptedException {
    watchChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Waits for every version already sent to arrive, so that the next change is measured alone. */
  private void settle() throws InterruptedException {
    Long v;
    while ((v = versions.poll(200, TimeUnit.MILLISECONDS)) != null) {
      last = Math.max(last, v);
    }
  }

  /** The version after {@code change}, which must arrive on the stream within a second of it. */
  private long movesTheVersion(String what, Runnable change) throws InterruptedException {
    settle();
    change.run();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WITHIN_MILLIS);
    while (true) {
      long left = deadline - System.nanoTime();
      Long v = left > 0 ? versions.poll(left, TimeUnit.NANOSECONDS) : null;
      assertThat(v).as("a new policy version within %d ms of %s", WITHIN_MILLIS, what).isNotNull();
      if (v > last) {
        last = v;
        return v;
      }
    }
  }

  private static void scimPatch(String kind, String id, Map<String, Object> operation) {
    Identities.scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"), "Operations", List.of(operation)))
        .patch(Identities.SCIM + "/" + kind + "/" + id).then().statusCode(200);
  }

  private static AuthorizeResponse authorize(Who who, String table, Privilege privilege) {
    return AuthzAttacks.authz(who.token()).authorize(AuthorizeRequest.newBuilder().addChecks(Check.newBuilder()
        .setSecurable(SecurableRef.newBuilder().setType(SecurableType.TABLE).setFullName(table)).setPrivilege(privilege)).build());
  }

  @Test
  void removalFromTheMaskExemptGroupMasksAtTheNewVersion() throws InterruptedException {
    Who u = AuthzAttacks.user("exempted");
    Who exempt = AuthzAttacks.group("exempt", u.id());
    String c = Api.unique("pvmask");
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".s;"
        + " CREATE TABLE " + c + ".s.people (id INT, email STRING) LOCATION 's3://pv/" + c + "/people';"
        + " CREATE FUNCTION " + c + ".s.hide(email STRING) RETURN CASE WHEN is_account_group_member('" + exempt.name()
        + "') THEN email ELSE '***' END;"
        + " ALTER TABLE " + c + ".s.people ALTER COLUMN email SET MASK " + c + ".s.hide;"
        + " GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG " + c + " TO `" + u.name() + "`");
    ResolveTableRequest resolve = ResolveTableRequest.newBuilder().setFullName(c + ".s.people").build();
    ResolveTableResponse before = AuthzAttacks.tables(u.token()).resolveTable(resolve);
    // An exempt reader gets no mask entry at all (issue 16; before, "email" itself).
    assertThat(before.getColumnMasksList()).isEmpty();

    long moved = movesTheVersion("a SCIM PATCH of the group's members", () -> AuthzAttacks.setMembers(exempt.id()));
    ResolveTableResponse after = AuthzAttacks.tables(u.token()).resolveTable(resolve);
    assertThat(after.getPolicyVersion()).isGreaterThanOrEqualTo(moved);
    assertThat(after.getColumnMasks(0).getExpression()).contains("***");

    movesTheVersion("a SCIM PATCH adding the member back", () -> scimPatch("Groups", exempt.id(),
        Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", u.id())))));
    assertThat(AuthzAttacks.tables(u.token()).resolveTable(resolve).getColumnMasksList()).isEmpty();

    movesTheVersion("deleting the group", () -> Identities.scim().delete(Identities.SCIM + "/Groups/" + exempt.id())
        .then().statusCode(204));
    assertThat(AuthzAttacks.tables(u.token()).resolveTable(resolve).getColumnMasks(0).getExpression()).contains("***");
  }

  @Test
  void ownershipChangesMoveTheVersion() throws InterruptedException {
    Who owner = AuthzAttacks.user("newowner");
    String c = Api.unique("pvowner");
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".s; CREATE TABLE " + c + ".s.t (id INT) LOCATION 's3://pv/" + c + "/t';"
        + " GRANT USE CATALOG, USE SCHEMA ON CATALOG " + c + " TO `" + owner.name() + "`");
    assertThat(authorize(owner, c + ".s.t", Privilege.MODIFY).getDecisions(0).getAllowed()).isFalse();
    long moved = movesTheVersion("a PATCH of the table's owner",
        () -> Api.patch("/tables/" + c + ".s.t", Map.of("owner", owner.name())).statusCode(200));
    AuthorizeResponse after = authorize(owner, c + ".s.t", Privilege.MODIFY);
    assertThat(after.getPolicyVersion()).isGreaterThanOrEqualTo(moved);
    assertThat(after.getDecisions(0).getAllowed()).isTrue();
    movesTheVersion("ALTER SCHEMA ... OWNER TO", () -> admin("ALTER SCHEMA " + c + ".s OWNER TO `" + owner.name() + "`"));
  }

  @Test
  void createRenameAndDropMoveTheVersionAndTheOldNameNoLongerAuthorizes() throws InterruptedException {
    Who reader = AuthzAttacks.user("renamed");
    String c = Api.unique("pvddl");
    admin("CREATE CATALOG " + c + "; CREATE SCHEMA " + c + ".s;"
        + " GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG " + c + " TO `" + reader.name() + "`");
    movesTheVersion("CREATE TABLE", () -> admin("CREATE TABLE " + c + ".s.a (id INT) LOCATION 's3://pv/" + c + "/a'"));
    assertThat(authorize(reader, c + ".s.a", Privilege.SELECT).getDecisions(0).getAllowed()).isTrue();
    long moved = movesTheVersion("ALTER TABLE ... RENAME TO", () -> admin("ALTER TABLE " + c + ".s.a RENAME TO " + c + ".s.b"));
    AuthorizeResponse old = authorize(reader, c + ".s.a", Privilege.SELECT);
    assertThat(old.getPolicyVersion()).isGreaterThanOrEqualTo(moved);
    assertThat(old.getDecisions(0).getAllowed()).isFalse();
    assertThat(old.getDecisions(0).getError()).contains("does not exist");
    assertThat(authorize(reader, c + ".s.b", Privilege.SELECT).getDecisions(0).getAllowed()).isTrue();
    movesTheVersion("DROP TABLE", () -> admin("DROP TABLE " + c + ".s.b"));
    assertThat(authorize(reader, c + ".s.b", Privilege.SELECT).getDecisions(0).getAllowed()).isFalse();
    movesTheVersion("REST create of a table", () -> Api.post("/tables",
        Api.externalTable(c, "s", "r", "s3://pv/" + c + "/r")).statusCode(200));
    movesTheVersion("REST delete of a schema", () -> Api.json().queryParam("force", true)
        .delete(Api.BASE + "/schemas/" + c + ".s").then().statusCode(200));
  }

  @Test
  void deactivatingOrDeletingAPrincipalMovesTheVersion() throws InterruptedException {
    Who u = AuthzAttacks.user("deactivated");
    Who member = AuthzAttacks.user("member");
    Who g = AuthzAttacks.group("putgroup", member.id());
    String c = Api.unique("pvactive");
    admin("CREATE CATALOG " + c + "; GRANT USE CATALOG ON CATALOG " + c + " TO `" + u.name() + "`");
    movesTheVersion("SCIM active=false", () -> scimPatch("Users", u.id(), Map.of("op", "replace", "path", "active", "value", false)));
    movesTheVersion("a SCIM PUT of a group's members", () -> Identities.scim().body(Map.of(
            "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"), "displayName", g.name(), "members", List.of()))
        .put(Identities.SCIM + "/Groups/" + g.id()).then().statusCode(200));
    movesTheVersion("deleting a user", () -> Identities.scim().delete(Identities.SCIM + "/Users/" + member.id())
        .then().statusCode(204));
  }

  @Test
  void aMissedNotificationIsCaughtByThePeriodicCheck() throws Exception {
    settle();
    // Another replica's commit whose notification never arrived: the version moves silently.
    try (Connection conn = dataSource.getConnection(); Statement s = conn.createStatement()) {
      s.executeUpdate("UPDATE policy_state SET version = version + 1 WHERE id = 1");
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
    Long v;
    do {
      v = versions.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } while (v != null && v <= last);
    assertThat(v).as("the periodic check finds the version").isNotNull();
  }
}
