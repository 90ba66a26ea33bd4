package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicySnapshotTest {
  private static final Securable CATALOG = Securable.of(SecurableType.CATALOG, "c1");
  private static final Securable SCHEMA = Securable.of(SecurableType.SCHEMA, "c1", "s1");
  private static final Securable TABLE = Securable.of(SecurableType.TABLE, "c1", "s1", "t1");
  private static final Securable OTHER_TABLE = Securable.of(SecurableType.TABLE, "c1", "s2", "t9");
  private static final Securable VOLUME = Securable.of(SecurableType.VOLUME, "c1", "s1", "v1");

  private static Subject user(String name, String... groups) {
    return new Subject(name, Set.of(groups), false);
  }

  @Test
  void grantOnSchemaReachesItsTablesAndVolumesButNotSiblings() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(
        new Grant("alice", Privilege.SELECT, SCHEMA),
        new Grant("alice", Privilege.READ_VOLUME, SCHEMA)));
    assertThat(s.grantFor(user("alice"), Privilege.SELECT, TABLE)).isPresent();
    assertThat(s.grantFor(user("alice"), Privilege.READ_VOLUME, VOLUME)).isPresent();
    assertThat(s.grantFor(user("alice"), Privilege.SELECT, OTHER_TABLE)).isEmpty();
    assertThat(s.grantFor(user("alice"), Privilege.MODIFY, TABLE)).isEmpty();
    assertThat(s.grantFor(user("bob"), Privilege.SELECT, TABLE)).isEmpty();
  }

  @Test
  void grantOnCatalogReachesEverySchemaAndTable() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(new Grant("analysts", Privilege.USE_SCHEMA, CATALOG),
        new Grant("analysts", Privilege.SELECT, CATALOG)));
    assertThat(s.grantFor(user("carol", "analysts"), Privilege.USE_SCHEMA, SCHEMA)).isPresent();
    assertThat(s.grantFor(user("carol", "ANALYSTS"), Privilege.SELECT, OTHER_TABLE)).isPresent();
    assertThat(s.grantFor(user("carol", "analysts"), Privilege.USE_CATALOG, CATALOG)).isEmpty();
  }

  @Test
  void allPrivilegesImpliesEverythingButManage() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(new Grant("dana", Privilege.ALL_PRIVILEGES, SCHEMA)));
    assertThat(s.grantFor(user("dana"), Privilege.MODIFY, TABLE)).isPresent();
    assertThat(s.grantFor(user("dana"), Privilege.CREATE_TABLE, SCHEMA)).isPresent();
    assertThat(s.grantFor(user("dana"), Privilege.MANAGE, TABLE)).isEmpty();
  }

  @Test
  void anyPrivilegeCountsForVisibility() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(new Grant("erin", Privilege.SELECT, TABLE)));
    assertThat(s.hasAny(user("erin"), TABLE)).isTrue();
    assertThat(s.hasAny(user("erin"), OTHER_TABLE)).isFalse();
    assertThat(s.hasAny(user("frank"), TABLE)).isFalse();
  }

  @Test
  void ownersHoldEverythingOnTheObjectButNotOnItsChildren() {
    PolicySnapshot s = PolicySnapshot.empty();
    Target schema = new Target(SCHEMA, List.of("admins", "owen"));
    Target table = new Target(TABLE, List.of("admins", "owen", "tess"));
    assertThat(AccessCheck.has(s, user("owen"), Privilege.CREATE_TABLE, schema).allowed()).isTrue();
    assertThat(AccessCheck.has(s, user("owen"), Privilege.EXTERNAL_USE_SCHEMA, schema).allowed()).isFalse();
    assertThat(AccessCheck.has(s, user("owen"), Privilege.SELECT, table).allowed()).isFalse();
    // Owning the schema lets owen manage its tables once he may use the catalog.
    assertThat(AccessCheck.canManage(s, user("owen"), table).allowed()).isFalse();
    PolicySnapshot withUse = PolicySnapshot.of(2, List.of(new Grant("owen", Privilege.USE_CATALOG, CATALOG)));
    assertThat(AccessCheck.canManage(withUse, user("owen"), table).allowed()).isTrue();
    assertThat(AccessCheck.has(s, user("tess"), Privilege.SELECT, table).allowed()).isTrue();
    // A table's own owner still needs USE CATALOG and USE SCHEMA to reach it.
    assertThat(AccessCheck.canSee(s, user("tess"), table).allowed()).isFalse();
    assertThat(AccessCheck.canSee(s, user("admins"), table).allowed()).isTrue();
  }

  @Test
  void explanationsNameTheGrantAndWhetherItWasInherited() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(new Grant("gina", Privilege.SELECT, SCHEMA)));
    Target table = new Target(TABLE, List.of("x", "y", "z"), List.of("main", "main.sales", "main.sales.orders"));
    Decision d = AccessCheck.has(s, user("gina"), Privilege.SELECT, table);
    assertThat(d.allowed()).isTrue();
    assertThat(d.basis()).containsExactly("SELECT on schema main.sales to gina, inherited");
    assertThat(AccessCheck.has(s, user("hank"), Privilege.SELECT, table).reason())
        .isEqualTo("missing SELECT on table main.sales.orders");
  }

  @Test
  void useSchemaOnACatalogMakesSchemasButNotTablesVisible() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(new Grant("jo", Privilege.USE_SCHEMA, CATALOG)));
    assertThat(s.hasAny(user("jo"), SCHEMA)).isTrue();
    assertThat(s.hasAny(user("jo"), TABLE)).isFalse();
    PolicySnapshot browse = PolicySnapshot.of(2, List.of(new Grant("jo", Privilege.BROWSE, CATALOG)));
    assertThat(browse.hasAny(user("jo"), TABLE)).isTrue();
    assertThat(browse.grantFor(user("jo"), Privilege.SELECT, TABLE)).isEmpty();
  }

  @Test
  void browseAloneShowsMetadataOnlyWhenAskedFor() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(new Grant("jo", Privilege.BROWSE, CATALOG),
        new Grant("jo", Privilege.USE_CATALOG, CATALOG), new Grant("jo", Privilege.USE_SCHEMA, SCHEMA)));
    Target table = new Target(TABLE, java.util.Arrays.asList("admin", "admin", "admin"));
    assertThat(s.hasAny(user("jo"), TABLE, false)).isFalse();
    assertThat(AccessCheck.canSee(s, user("jo"), table, true).allowed()).isTrue();
    Decision refused = AccessCheck.canSee(s, user("jo"), table, false);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.reason()).contains("include_browse=true");
  }

  @Test
  void aNewVersionOfTheSamePoliciesIsRenumberedNotRecompiled() {
    List<Grant> grants = List.of(new Grant("jo", Privilege.SELECT, SCHEMA), Grant.denial("jo", Privilege.SELECT, TABLE));
    PolicySnapshot first = PolicySnapshot.of(1, grants);
    PolicySnapshot same = first.next(2, List.of(grants.get(1), grants.get(0)), List.of(), List.of());
    assertThat(same.version()).isEqualTo(2);
    assertThat(same.denyOrNull(user("jo"), Privilege.SELECT, TABLE)).isNotNull();
    assertThat(same.grantFor(user("jo"), Privilege.SELECT, OTHER_TABLE)).isEmpty();
    PolicySnapshot changed = same.next(3, List.of(grants.get(0)), List.of(), List.of());
    assertThat(changed.version()).isEqualTo(3);
    assertThat(changed.denyOrNull(user("jo"), Privilege.SELECT, TABLE)).isNull();
  }

  @Test
  void aGrantBelowDoesNotCountAsAPrivilegeOnTheContainer() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(new Grant("kim", Privilege.SELECT, TABLE)));
    assertThat(s.hasAny(user("kim"), TABLE)).isTrue();
    assertThat(s.hasAny(user("kim"), SCHEMA)).isFalse();
    assertThat(s.hasAny(user("kim"), CATALOG)).isFalse();
  }

  @Test
  void emptySnapshotDeniesEverything() {
    PolicySnapshot s = PolicySnapshot.empty();
    for (Privilege p : Privilege.values()) {
      assertThat(s.grantFor(user("ivy", "everyone"), p, TABLE)).isEmpty();
    }
  }

  @Test
  void grantsOfOnePrincipalOnManyTablesShareFewPoliciesYetReachOnlyTheirOwnTables() {
    int granted = PolicyCompiler.IDS_PER_POLICY * 3 + 7;
    List<Grant> grants = new java.util.ArrayList<>();
    for (int i = 0; i < granted; i++) {
      grants.add(new Grant("lee", Privilege.SELECT, Securable.of(SecurableType.TABLE, "c1", "s" + (i % 5), "t" + i)));
      grants.add(new Grant("mo", i % 2 == 0 ? Privilege.SELECT : Privilege.MODIFY,
          Securable.of(SecurableType.TABLE, "c1", "s" + (i % 5), "t" + i)));
    }
    PolicySnapshot s = PolicySnapshot.of(1, grants);
    for (int i = 0; i < granted + 50; i++) {
      Securable table = Securable.of(SecurableType.TABLE, "c1", "s" + (i % 5), "t" + i);
      assertThat(s.grantFor(user("lee"), Privilege.SELECT, table)).as("t" + i)
          .map(Grant::securable).isEqualTo(i < granted ? java.util.Optional.of(table) : java.util.Optional.empty());
      assertThat(s.grantFor(user("lee"), Privilege.MODIFY, table)).isEmpty();
      assertThat(s.grantFor(user("mo"), Privilege.SELECT, table).isPresent()).as("t" + i).isEqualTo(i < granted && i % 2 == 0);
      assertThat(s.grantFor(user("mo"), Privilege.MODIFY, table).isPresent()).as("t" + i).isEqualTo(i < granted && i % 2 == 1);
      assertThat(s.grantFor(user("nina"), Privilege.SELECT, table)).isEmpty();
    }
    // A volume with a granted table's id is another object: grants name a type and an id.
    assertThat(s.hasAny(user("lee"), Securable.of(SecurableType.VOLUME, "c1", "s0", "t0"))).isFalse();
    assertThat(s.hasAny(user("lee"), Securable.of(SecurableType.SCHEMA, "c1", "s0"))).isFalse();
  }

  @Test
  void aDenyOnATableWinsOverAnInheritedGrantAndAnInheritedDenyOverAGrantOnTheTable() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(
        new Grant("pat", Privilege.SELECT, SCHEMA),
        Grant.denial("pat", Privilege.SELECT, TABLE),
        new Grant("quinn", Privilege.SELECT, TABLE),
        Grant.denial("quinn", Privilege.SELECT, CATALOG),
        new Grant("rae", Privilege.SELECT, TABLE),
        Grant.denial("rae", Privilege.MODIFY, CATALOG)));
    Securable sibling = Securable.of(SecurableType.TABLE, "c1", "s1", "t5");
    assertThat(s.grantFor(user("pat"), Privilege.SELECT, TABLE)).isEmpty();
    assertThat(s.denyOrNull(user("pat"), Privilege.SELECT, TABLE)).extracting(Grant::securable).isEqualTo(TABLE);
    assertThat(s.grantFor(user("pat"), Privilege.SELECT, sibling)).map(Grant::securable).contains(SCHEMA);
    assertThat(s.grantFor(user("quinn"), Privilege.SELECT, TABLE)).isEmpty();
    assertThat(s.denyOrNull(user("quinn"), Privilege.SELECT, TABLE)).extracting(Grant::securable).isEqualTo(CATALOG);
    assertThat(s.grantFor(user("rae"), Privilege.SELECT, TABLE)).map(Grant::securable).contains(TABLE);
    assertThat(s.denyOrNull(user("rae"), Privilege.SELECT, TABLE)).isNull();
    assertThat(s.denyOrNull(user("rae"), Privilege.MODIFY, TABLE)).extracting(Grant::securable).isEqualTo(CATALOG);
  }
}
