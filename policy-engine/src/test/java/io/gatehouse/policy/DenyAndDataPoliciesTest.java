package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Explicit denies, and row filters and column masks found through Ranger's policy types. */
class DenyAndDataPoliciesTest {
  private static final Securable CATALOG = Securable.of(SecurableType.CATALOG, "c1");
  private static final Securable SCHEMA = Securable.of(SecurableType.SCHEMA, "c1", "s1");
  private static final Securable TABLE = Securable.of(SecurableType.TABLE, "c1", "s1", "t1");
  private static final Securable OTHER_TABLE = Securable.of(SecurableType.TABLE, "c1", "s1", "t2");

  private static Subject user(String name, String... groups) {
    return new Subject(name, Set.of(groups), false);
  }

  private static Target table(Securable t, String owner) {
    return new Target(t, List.of("owner-c", "owner-s", owner), List.of("c1", "s1", t.path().get(2)));
  }

  @Test
  void denyOnSchemaWinsOverGrantOnCatalogForGroupMembers() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(
        new Grant("analysts", Privilege.SELECT, CATALOG),
        Grant.denial("contractors", Privilege.SELECT, SCHEMA)));
    Subject ann = user("ann", "analysts");
    Subject carl = user("carl", "analysts", "contractors");
    assertThat(AccessCheck.has(s, ann, Privilege.SELECT, table(TABLE, "x")).allowed()).isTrue();
    Decision d = AccessCheck.has(s, carl, Privilege.SELECT, table(TABLE, "x"));
    assertThat(d.allowed()).isFalse();
    assertThat(d.reason()).contains("DENY SELECT").contains("contractors").contains("inherited");
    assertThat(s.grantFor(carl, Privilege.SELECT, TABLE)).isEmpty();
    assertThat(s.denyOrNull(ann, Privilege.SELECT, TABLE)).isNull();
  }

  @Test
  void denyWinsOverOwnershipButNotOverAdmins() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(Grant.denial("olga", Privilege.MODIFY, TABLE)));
    assertThat(AccessCheck.has(s, user("olga"), Privilege.MODIFY, table(TABLE, "olga")).allowed()).isFalse();
    assertThat(AccessCheck.has(s, user("olga"), Privilege.SELECT, table(TABLE, "olga")).allowed()).isTrue();
    assertThat(AccessCheck.has(s, new Subject("olga", Set.of(), true), Privilege.MODIFY, table(TABLE, "olga")).allowed()).isTrue();
  }

  @Test
  void denyOfAllPrivilegesCoversWhatAllImpliesButNotManage() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(
        new Grant("dan", Privilege.MANAGE, SCHEMA),
        new Grant("dan", Privilege.USE_CATALOG, CATALOG),
        new Grant("dan", Privilege.USE_SCHEMA, SCHEMA),
        new Grant("dan", Privilege.SELECT, SCHEMA),
        Grant.denial("dan", Privilege.ALL_PRIVILEGES, TABLE)));
    assertThat(AccessCheck.has(s, user("dan"), Privilege.SELECT, table(TABLE, "x")).allowed()).isFalse();
    assertThat(AccessCheck.has(s, user("dan"), Privilege.SELECT, table(OTHER_TABLE, "x")).allowed()).isTrue();
    assertThat(AccessCheck.canManage(s, user("dan"), table(TABLE, "x")).allowed()).isTrue();
  }

  @Test
  void denyOfManageStopsManaging() {
    PolicySnapshot s = PolicySnapshot.of(1, List.of(
        new Grant("mia", Privilege.MANAGE, CATALOG),
        new Grant("mia", Privilege.USE_CATALOG, CATALOG),
        new Grant("mia", Privilege.USE_SCHEMA, CATALOG),
        Grant.denial("mia", Privilege.MANAGE, SCHEMA)));
    Decision d = AccessCheck.canManage(s, user("mia"), table(TABLE, "x"));
    assertThat(d.allowed()).isFalse();
    assertThat(d.reason()).contains("DENY MANAGE");
  }

  @Test
  void revokingTheDenyRestoresTheGrant() {
    PolicySnapshot withDeny = PolicySnapshot.of(1, List.of(
        new Grant("eve", Privilege.SELECT, SCHEMA), Grant.denial("eve", Privilege.SELECT, TABLE)));
    PolicySnapshot without = PolicySnapshot.of(2, List.of(new Grant("eve", Privilege.SELECT, SCHEMA)));
    assertThat(withDeny.grantFor(user("eve"), Privilege.SELECT, TABLE)).isEmpty();
    assertThat(withDeny.grantFor(user("eve"), Privilege.SELECT, OTHER_TABLE)).isPresent();
    assertThat(without.grantFor(user("eve"), Privilege.SELECT, TABLE)).isPresent();
    assertThat(withDeny.deniesOf(Privilege.SELECT, TABLE)).singleElement()
        .satisfies(g -> assertThat(g.principal()).isEqualTo("eve"));
    assertThat(withDeny.grantsGiving(Privilege.SELECT, TABLE)).allSatisfy(g -> assertThat(g.deny()).isFalse());
  }

  /** Renders the source with the subject's name, so that tests see whose rendering they got. */
  private record Rendered(String source) implements PolicyExpression {
    @Override
    public String sqlFor(Subject subject) {
      return source.replace("current_user()", "'" + subject.name() + "'");
    }
  }

  @Test
  void rowFilterIsFoundForItsTableOnly() {
    RowFilter filter = new RowFilter(TABLE, "c1.s1.us_only", new Rendered("region = 'US' OR owner = current_user()"));
    PolicySnapshot s = PolicySnapshot.of(1, List.of(), List.of(filter), List.of());
    assertThat(s.rowFilter(user("ann"), TABLE)).contains(filter);
    assertThat(s.rowFilter(user("ann"), TABLE).orElseThrow().expression().sqlFor(user("ann")))
        .isEqualTo("region = 'US' OR owner = 'ann'");
    assertThat(s.rowFilter(user("ann"), OTHER_TABLE)).isEmpty();
    assertThat(PolicySnapshot.of(1, List.of()).rowFilter(user("ann"), TABLE)).isEmpty();
  }

  @Test
  void masksAreFoundPerColumn() {
    ColumnMask ssn = new ColumnMask(TABLE, "SSN", "c1.s1.mask_ssn", new Rendered("'***'"));
    ColumnMask email = new ColumnMask(TABLE, "email", "c1.s1.mask_email", new Rendered("regexp_replace(email, '.*@', '*@')"));
    PolicySnapshot s = PolicySnapshot.of(1, List.of(), List.of(), List.of(ssn, email));
    assertThat(s.mask(user("ann"), TABLE, "ssn")).contains(ssn);
    assertThat(s.mask(user("ann"), TABLE, "email")).contains(email);
    assertThat(s.mask(user("ann"), TABLE, "region")).isEmpty();
    assertThat(s.mask(user("ann"), OTHER_TABLE, "ssn")).isEmpty();
  }
}
