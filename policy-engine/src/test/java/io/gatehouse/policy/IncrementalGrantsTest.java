package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A snapshot moved grant change by grant change ({@link PolicySnapshot#withGrantsOn}, which
 * compiles only the changed principals' policies and hands Ranger deltas) decides exactly as a
 * snapshot compiled whole from the same grants, after every step of random sequences of grants,
 * denies, revokes and dropped securables; and the snapshot it came from keeps deciding as before.
 */
class IncrementalGrantsTest {
  private static final List<String> PRINCIPALS = List.of("ana", "ben", "cleo", "analysts", "engineers", "everyone");
  private static final List<Subject> SUBJECTS = List.of(
      new Subject("ana", Set.of("analysts", "everyone"), false),
      new Subject("ben", Set.of("engineers", "everyone"), false),
      new Subject("cleo", Set.of("analysts", "engineers"), false),
      new Subject("dave", Set.of("everyone"), false),
      new Subject("erin", Set.of(), false));
  private static final List<Securable> SECURABLES = world();

  /** Two catalogs of two schemas, each with 40 tables, a volume and a function. */
  private static List<Securable> world() {
    List<Securable> all = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      String catalog = "c" + c;
      all.add(Securable.of(SecurableType.CATALOG, catalog));
      for (int s = 0; s < 2; s++) {
        String schema = catalog + "s" + s;
        all.add(Securable.of(SecurableType.SCHEMA, catalog, schema));
        for (int t = 0; t < 40; t++) {
          all.add(Securable.of(SecurableType.TABLE, catalog, schema, schema + "t" + t));
        }
        all.add(Securable.of(SecurableType.VOLUME, catalog, schema, schema + "v"));
        all.add(Securable.of(SecurableType.FUNCTION, catalog, schema, schema + "f"));
      }
    }
    return List.copyOf(all);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void decidesAsAWholeCompilationAfterEveryChange(long seed) {
    Random random = new Random(seed);
    List<Grant> grants = new ArrayList<>();
    PolicySnapshot incremental = PolicySnapshot.empty();
    PolicySnapshot previous = null;
    PolicySnapshot previousWhole = null;
    for (int step = 1; step <= 40; step++) {
      Set<String> changed = new HashSet<>();
      int kind = random.nextInt(10);
      if (kind < 5) {
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
          Grant g = randomGrant(random);
          if (grants.stream().noneMatch(x -> x.equals(g))) {
            grants.add(g);
            changed.add(g.securable().id());
          }
        }
      } else if (kind < 7 && !grants.isEmpty()) {
        Grant revoked = grants.remove(random.nextInt(grants.size()));
        changed.add(revoked.securable().id());
      } else if (kind < 8) {
        // One principal granted SELECT on a run of tables: policies that list many ids.
        String principal = PRINCIPALS.get(random.nextInt(PRINCIPALS.size()));
        for (Securable s : SECURABLES) {
          if (s.type() == SecurableType.TABLE && random.nextInt(3) == 0) {
            Grant g = new Grant(principal, Privilege.SELECT, s, random.nextInt(8) == 0);
            if (!grants.contains(g)) {
              grants.add(g);
              changed.add(s.id());
            }
          }
        }
      } else {
        // A securable dropped: every grant on it goes, and nothing is granted on it now.
        Securable dropped = SECURABLES.get(random.nextInt(SECURABLES.size()));
        grants.removeIf(g -> g.securable().equals(dropped));
        changed.add(dropped.id());
      }
      List<Grant> now = grants.stream().filter(g -> changed.contains(g.securable().id())).toList();
      PolicySnapshot next = incremental.withGrantsOn(step, changed, now);
      PolicySnapshot whole = PolicySnapshot.of(step, grants);
      // Every securable whose grants changed, and a sample of the rest (a grant on a catalog
      // reaches them all): comparing every one after every step takes minutes.
      List<Securable> compared = new ArrayList<>();
      for (Securable securable : SECURABLES) {
        if (changed.contains(securable.id()) || securable.type() != SecurableType.TABLE || random.nextInt(6) == 0) {
          compared.add(securable);
        }
      }
      assertSameDecisions(next, whole, compared, "seed " + seed + ", step " + step);
      if (previous != null && step % 8 == 0) {
        assertSameDecisions(previous, previousWhole, compared, "the snapshot before step " + step + " of seed " + seed);
      }
      previous = next;
      previousWhole = whole;
      incremental = next;
    }
  }

  @Test
  void refusesGrantsOnSecurablesItWasNotToldChanged() {
    Securable table = SECURABLES.get(2);
    assertThatThrownBy(() -> PolicySnapshot.empty().withGrantsOn(1, Set.of("elsewhere"),
        List.of(new Grant("ana", Privilege.SELECT, table))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRevokedDenyNoLongerMakesItsPrincipalADenyCandidate() {
    Securable table = SECURABLES.get(2);
    PolicySnapshot denied = PolicySnapshot.empty().withGrantsOn(1, Set.of(table.id()),
        List.of(Grant.denial("analysts", Privilege.SELECT, table)));
    Subject ana = SUBJECTS.get(0);
    assertThat(denied.mayBeDenied(ana)).isTrue();
    assertThat(denied.denyOrNull(ana, Privilege.SELECT, table)).isNotNull();
    PolicySnapshot lifted = denied.withGrantsOn(2, Set.of(table.id()), List.of());
    assertThat(lifted.mayBeDenied(ana)).isFalse();
    assertThat(lifted.denyOrNull(ana, Privilege.SELECT, table)).isNull();
    assertThat(denied.denyOrNull(ana, Privilege.SELECT, table)).as("the snapshot before the change").isNotNull();
  }

  private static Grant randomGrant(Random random) {
    Securable securable = SECURABLES.get(random.nextInt(SECURABLES.size()));
    List<Privilege> grantable = new ArrayList<>();
    for (Privilege p : Privilege.values()) {
      if (p.grantableOn(securable.type())) {
        grantable.add(p);
      }
    }
    Privilege privilege = grantable.get(random.nextInt(grantable.size()));
    return new Grant(PRINCIPALS.get(random.nextInt(PRINCIPALS.size())), privilege, securable, random.nextInt(6) == 0);
  }

  private static void assertSameDecisions(PolicySnapshot actual, PolicySnapshot expected, List<Securable> securables, String when) {
    for (Subject subject : SUBJECTS) {
      assertThat(actual.mayBeDenied(subject)).as(when + ": %s may be denied", subject.name()).isEqualTo(expected.mayBeDenied(subject));
      for (Securable securable : securables) {
        assertThat(actual.hasAny(subject, securable)).as(when + ": %s has any on %s", subject.name(), securable)
            .isEqualTo(expected.hasAny(subject, securable));
        for (Privilege privilege : Privilege.values()) {
          if (privilege == Privilege.ALL_PRIVILEGES || !privilege.checkedOn(securable.type())) {
            continue;
          }
          assertThat(actual.grantFor(subject, privilege, securable)).as(when + ": %s %s on %s", subject.name(), privilege, securable)
              .isEqualTo(expected.grantFor(subject, privilege, securable));
          assertThat(actual.denyOrNull(subject, privilege, securable)).as(when + ": deny of %s %s on %s", subject.name(), privilege, securable)
              .isEqualTo(expected.denyOrNull(subject, privilege, securable));
        }
      }
    }
  }
}
