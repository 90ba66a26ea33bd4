package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.policy.AttributePolicies.BoundAccess;
import io.gatehouse.policy.AttributePolicies.Principals;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * GRANT and DENY policies bound to securables (what the loader binds from tags), decided by
 * {@link AccessCheck} beside plain grants and denies, workspace bindings first.
 */
class AttributeGrantsAndDeniesTest {
  private static final Securable CATALOG = Securable.of(SecurableType.CATALOG, "c1");
  private static final Securable SCHEMA = Securable.of(SecurableType.SCHEMA, "c1", "s1");
  private static final Securable TABLE = Securable.of(SecurableType.TABLE, "c1", "s1", "t1");
  private static final Securable OTHER = Securable.of(SecurableType.TABLE, "c1", "s1", "t2");

  private static Subject user(String name, String... groups) {
    return new Subject(name, Set.of(groups), false);
  }

  private static Target table(Securable t, String owner) {
    return new Target(t, List.of("owner-c", "owner-s", owner), List.of("c1", "s1", t.path().get(2)));
  }

  private static BoundAccess deny(String policy, Securable on, Set<String> to, Set<String> except, Privilege... privileges) {
    return new BoundAccess(policy, new Principals(to, except), Set.of(privileges), true, on);
  }

  private static BoundAccess grant(String policy, Securable on, Set<String> to, Privilege... privileges) {
    return new BoundAccess(policy, new Principals(to, Set.of()), Set.of(privileges), false, on);
  }

  private static PolicySnapshot with(List<Grant> grants, BoundAccess... bound) {
    return PolicySnapshot.of(1, grants).withAttributePolicies(AttributePolicies.of(bound.length, List.of(), List.of(),
        List.of(bound)));
  }

  @Test
  void aDenyPolicyBeatsGrantsAndOwnershipButNotAdminsAndSparesItsExceptions() {
    PolicySnapshot s = with(List.of(new Grant("analysts", Privilege.SELECT, CATALOG)),
        deny("no_pii on catalog c", TABLE, Set.of("Analysts"), Set.of("STEWARDS"), Privilege.SELECT));
    Decision d = AccessCheck.has(s, user("ann", "analysts"), Privilege.SELECT, table(TABLE, "x"));
    assertThat(d.allowed()).isFalse();
    assertThat(d.reason()).startsWith("denied by policy no_pii on catalog c");
    assertThat(AccessCheck.has(s, user("olga", "analysts"), Privilege.SELECT, table(TABLE, "olga")).allowed()).isFalse();
    assertThat(AccessCheck.has(s, user("bob", "analysts", "stewards"), Privilege.SELECT, table(TABLE, "x")).allowed()).isTrue();
    assertThat(AccessCheck.has(s, new Subject("root", Set.of("analysts"), true), Privilege.SELECT, table(TABLE, "x")).allowed())
        .isTrue();
    assertThat(AccessCheck.has(s, user("ann", "analysts"), Privilege.SELECT, table(OTHER, "x")).allowed()).isTrue();
    assertThat(AccessCheck.has(s, user("ann", "analysts"), Privilege.MODIFY, table(TABLE, "ann")).allowed()).isTrue();
    assertThat(s.mayBeDenied(user("ann", "analysts"))).isTrue();
    assertThat(s.mayBeDenied(user("bob", "analysts", "stewards"))).isFalse();
  }

  @Test
  void aDenyPolicyOnASchemaReachesItsTablesAndAllPrivilegesCoversWhatAllImplies() {
    PolicySnapshot s = with(List.of(new Grant("analysts", Privilege.SELECT, CATALOG)),
        deny("closed on catalog c", SCHEMA, Set.of("analysts"), Set.of(), Privilege.ALL_PRIVILEGES));
    assertThat(AccessCheck.has(s, user("ann", "analysts"), Privilege.SELECT, table(TABLE, "x")).allowed()).isFalse();
    assertThat(AccessCheck.has(s, user("ann", "analysts"), Privilege.SELECT, table(OTHER, "x")).allowed()).isFalse();
    assertThat(s.hasAny(user("ann", "analysts"), TABLE, false)).isFalse();
    // As for a plain DENY ALL PRIVILEGES, MANAGE is not among them.
    PolicySnapshot managed = with(List.of(new Grant("analysts", Privilege.MANAGE, CATALOG)),
        deny("closed on catalog c", SCHEMA, Set.of("analysts"), Set.of(), Privilege.ALL_PRIVILEGES));
    assertThat(managed.hasAny(user("ann", "analysts"), TABLE, false)).isTrue();
  }

  @Test
  void aGrantPolicyGrantsButLiftsNoDenyPlainOrByPolicy() {
    PolicySnapshot s = with(List.of(Grant.denial("carl", Privilege.SELECT, SCHEMA)),
        grant("open on catalog c", TABLE, Set.of("account users"), Privilege.SELECT),
        grant("open on catalog c", OTHER, Set.of("account users"), Privilege.SELECT),
        deny("closed on catalog c", OTHER, Set.of("account users"), Set.of(), Privilege.SELECT));
    Decision d = AccessCheck.has(s, user("ann", "account users"), Privilege.SELECT, table(TABLE, "x"));
    assertThat(d.allowed()).isTrue();
    assertThat(d.reason()).isEqualTo("granted by policy open on catalog c");
    assertThat(s.hasAny(user("ann", "account users"), TABLE, false)).isTrue();
    assertThat(AccessCheck.has(s, user("ann", "account users"), Privilege.MODIFY, table(TABLE, "x")).allowed()).isFalse();
    assertThat(AccessCheck.has(s, user("carl", "account users"), Privilege.SELECT, table(TABLE, "x")).allowed()).isFalse();
    assertThat(AccessCheck.has(s, user("ann", "account users"), Privilege.SELECT, table(OTHER, "x")).allowed()).isFalse();
    assertThat(s.hasAny(user("ann", "account users"), OTHER, false)).isFalse();
  }

  @Test
  void theBindingsUnderAContainerAreThoseOnItAndBelowItOnly() {
    Securable otherSchema = Securable.of(SecurableType.SCHEMA, "c1", "s2");
    Securable otherTable = Securable.of(SecurableType.TABLE, "c1", "s2", "t9");
    BoundAccess onSchema = deny("a", SCHEMA, Set.of("x"), Set.of(), Privilege.SELECT);
    BoundAccess onTable = deny("b", TABLE, Set.of("x"), Set.of(), Privilege.SELECT);
    BoundAccess elsewhere = deny("c", otherTable, Set.of("x"), Set.of(), Privilege.SELECT);
    AttributePolicies p = AttributePolicies.of(3, List.of(), List.of(), List.of(onSchema, onTable, elsewhere));
    assertThat(p.accessUnder(CATALOG)).containsExactlyInAnyOrder(onSchema, onTable, elsewhere);
    assertThat(p.accessUnder(SCHEMA)).containsExactlyInAnyOrder(onSchema, onTable);
    assertThat(p.accessUnder(TABLE)).containsExactly(onTable);
    assertThat(p.accessUnder(otherSchema)).containsExactly(elsewhere);
    assertThat(p.accessUnder(OTHER)).isEmpty();
    assertThat(p.accessOn(TABLE)).containsExactlyInAnyOrder(onSchema, onTable);
  }

  @Test
  void aGrantPolicyGivesNothingWhereTheWorkspaceDoesNotReach() {
    PolicySnapshot s = with(List.of(), grant("open on catalog c", TABLE, Set.of("account users"), Privilege.SELECT))
        .withBindings(WorkspaceBindings.of(List.of(new WorkspaceBindings.Isolated(SecurableType.CATALOG, "c1")),
            List.of(new WorkspaceBindings.Binding(SecurableType.CATALOG, "c1", 7, WorkspaceBindings.Access.READ_WRITE))));
    assertThat(AccessCheck.has(s, new Subject("ann", Set.of("account users"), false, 7), Privilege.SELECT, table(TABLE, "x"))
        .allowed()).isTrue();
    Decision other = AccessCheck.has(s, new Subject("ann", Set.of("account users"), false, 8), Privilege.SELECT,
        table(TABLE, "x"));
    assertThat(other.allowed()).isFalse();
    assertThat(other.reason()).contains("not bound to workspace 8");
  }
}
