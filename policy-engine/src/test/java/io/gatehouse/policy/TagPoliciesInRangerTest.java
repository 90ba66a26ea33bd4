package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.policy.AttributePolicies.BoundAccess;
import io.gatehouse.policy.AttributePolicies.BoundFilter;
import io.gatehouse.policy.AttributePolicies.BoundMask;
import io.gatehouse.policy.AttributePolicies.Principals;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.policyengine.RangerAccessRequestImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResourceImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResult;
import org.junit.jupiter.api.Test;

/**
 * Attribute-based policies are decided by Apache Ranger's engine, as tag-based policies over the
 * tags a {@code RangerTagEnricher} puts on each request ({@link TagPolicyCompiler}): the result's
 * policy id names the compiled tag policy, and without the enricher's tags Ranger decides nothing.
 * These fail if the decision goes back to Gatehouse's own evaluation beside Ranger.
 */
class TagPoliciesInRangerTest {
  private static final Securable TABLE = Securable.of(SecurableType.TABLE, "c1", "s1", "t1");
  private static final Securable SCHEMA = Securable.of(SecurableType.SCHEMA, "c1", "s1");
  private static final Securable OTHER = Securable.of(SecurableType.TABLE, "c1", "s2", "t9");

  private static Subject user(String name, String... groups) {
    return new Subject(name, Set.of(groups), false);
  }

  private static PolicyExpression expr(String source) {
    return new PolicyExpression() {
      public String source() {
        return source;
      }

      public String sqlFor(Subject subject) {
        return source;
      }
    };
  }

  private static BoundMask mask(String policy, String column, Set<String> to, Set<String> except) {
    return new BoundMask(policy, new Principals(to, except),
        new ColumnMask(TABLE, column, "f", expr("mask(" + column + ")"), policy), null);
  }

  private static BoundFilter filter(String policy, Set<String> to, Set<String> except) {
    return new BoundFilter(policy, new Principals(to, except),
        new RowFilter(TABLE, "rf", expr("region = 'EMEA'"), policy), null);
  }

  private static BoundAccess deny(String policy, Securable on, Set<String> to, Set<String> except) {
    return new BoundAccess(policy, new Principals(to, except), Set.of(Privilege.SELECT), true, on);
  }

  private static PolicySnapshot with(List<BoundFilter> filters, List<BoundMask> masks, List<BoundAccess> access) {
    return PolicySnapshot.of(1, List.of()).withAttributePolicies(
        AttributePolicies.of(filters.size() + masks.size() + access.size(), filters, masks, access));
  }

  private static RangerAccessRequestImpl request(TagPolicyCompiler.Compiled compiled, String user, Set<String> groups,
      String column) {
    RangerAccessResourceImpl resource = new RangerAccessResourceImpl();
    resource.setValue("catalog", "c1");
    resource.setValue("schema", "s1");
    resource.setValue("table", "t1");
    if (column != null) {
      resource.setValue("column", column);
    }
    resource.setServiceDef(compiled.serviceDef());
    return new RangerAccessRequestImpl(resource, Privilege.SELECT.accessType(), "p:" + user, groups, Collections.emptySet());
  }

  @Test
  void masksAndFiltersFollowToAndExceptThroughRanger() {
    PolicySnapshot s = with(
        List.of(filter("emea on schema s", Set.of("Account Users"), Set.of("privileged"))),
        List.of(mask("mask_ssn on catalog c", "SSN", Set.of("account users"), Set.of("hr_admins"))),
        List.of());
    Subject ann = user("ann", "account users");
    Subject hr = user("hal", "account users", "hr_admins");
    assertThat(s.rowFilter(ann, TABLE).map(RowFilter::policy)).contains("emea on schema s");
    assertThat(s.mask(ann, TABLE, "ssn").map(ColumnMask::policy)).contains("mask_ssn on catalog c");
    assertThat(s.mask(ann, TABLE, "Ssn").map(ColumnMask::policy)).contains("mask_ssn on catalog c");
    assertThat(s.mask(ann, TABLE, "name")).isEmpty();
    assertThat(s.mask(hr, TABLE, "ssn")).isEmpty();
    assertThat(s.rowFilter(hr, TABLE)).isPresent();
    assertThat(s.rowFilter(user("pia", "account users", "privileged"), TABLE)).isEmpty();
    assertThat(s.rowFilter(user("nobody"), TABLE)).isEmpty();
    assertThat(s.rowFilter(ann, OTHER)).isEmpty();
  }

  @Test
  void twoMasksOrTwoFiltersForOneReaderFailClosedAndOnlyForTheReadersBothApplyTo() {
    PolicySnapshot s = with(
        List.of(filter("a on schema s", Set.of("analysts"), Set.of()), filter("b on table t", Set.of("eu"), Set.of())),
        List.of(mask("m1 on catalog c", "ssn", Set.of("analysts"), Set.of()), mask("m2 on schema s", "ssn", Set.of("eu"), Set.of())),
        List.of());
    Subject both = user("bo", "analysts", "eu");
    assertThatThrownBy(() -> s.mask(both, TABLE, "ssn")).isInstanceOf(PolicyConflictException.class)
        .hasMessageContaining("policy m1 on catalog c").hasMessageContaining("policy m2 on schema s");
    assertThatThrownBy(() -> s.rowFilter(both, TABLE)).isInstanceOf(PolicyConflictException.class)
        .hasMessageContaining("policy a on schema s").hasMessageContaining("policy b on table t");
    assertThat(s.mask(user("al", "analysts"), TABLE, "ssn").map(ColumnMask::policy)).contains("m1 on catalog c");
    assertThat(s.rowFilter(user("eve", "eu"), TABLE).map(RowFilter::policy)).contains("b on table t");
    // The table's own filter and a policy's: a conflict too.
    PolicySnapshot own = PolicySnapshot.of(1, List.of(), List.of(new RowFilter(TABLE, "own", expr("x > 0"))), List.of())
        .withAttributePolicies(AttributePolicies.of(1, List.of(filter("a on schema s", Set.of("analysts"), Set.of())), List.of()));
    assertThatThrownBy(() -> own.rowFilter(user("al", "analysts"), TABLE)).isInstanceOf(PolicyConflictException.class);
    assertThat(own.rowFilter(user("x"), TABLE).map(RowFilter::function)).contains("own");
  }

  @Test
  void rangerDecidesTheMaskFilterAndDenyAndOnlyWithTheEnrichersTags() {
    AttributePolicies policies = AttributePolicies.of(3,
        List.of(filter("emea on schema s", Set.of("account users"), Set.of())),
        List.of(mask("mask_ssn on catalog c", "ssn", Set.of("account users"), Set.of())),
        List.of(deny("no_pii on catalog c", SCHEMA, Set.of("account users"), Set.of())));
    TagPolicyCompiler.Compiled compiled = policies.compiled();
    Set<String> groups = Set.of("p:account users");

    RangerAccessRequestImpl maskRequest = request(compiled, "ann", groups, "ssn");
    compiled.enricher().enrich(maskRequest);
    RangerAccessResult masked = compiled.data().evaluatePolicies(maskRequest, RangerPolicy.POLICY_TYPE_DATAMASK, null);
    assertThat(masked.isMaskEnabled()).isTrue();
    assertThat(compiled.policyOfId()).containsEntry(masked.getPolicyId(), "mask_ssn on catalog c");
    // Without the enricher's tags, Ranger finds no policy: the decision is the tag policies'.
    RangerAccessResult untagged = compiled.data().evaluatePolicies(
        request(compiled, "ann", groups, "ssn"), RangerPolicy.POLICY_TYPE_DATAMASK, null);
    assertThat(untagged.isMaskEnabled()).isFalse();

    RangerAccessRequestImpl filterRequest = request(compiled, "ann", groups, null);
    compiled.enricher().enrich(filterRequest);
    RangerAccessResult filtered = compiled.data().evaluatePolicies(filterRequest, RangerPolicy.POLICY_TYPE_ROWFILTER, null);
    assertThat(filtered.isRowFilterEnabled()).isTrue();
    assertThat(compiled.policyOfId()).containsEntry(filtered.getPolicyId(), "emea on schema s");

    // The DENY policy is bound to the schema: the enricher puts its tag on the table (an ancestor's).
    RangerAccessRequestImpl accessRequest = request(compiled, "ann", groups, null);
    compiled.enricher().enrich(accessRequest);
    RangerAccessResult denied = compiled.denies().evaluatePolicies(accessRequest, RangerPolicy.POLICY_TYPE_ACCESS, null);
    assertThat(denied.getIsAccessDetermined()).isTrue();
    assertThat(denied.getIsAllowed()).isFalse();
    assertThat(compiled.policyOfId()).containsEntry(denied.getPolicyId(), "no_pii on catalog c");
    RangerAccessResult notDenied = compiled.denies().evaluatePolicies(
        request(compiled, "ann", groups, null), RangerPolicy.POLICY_TYPE_ACCESS, null);
    assertThat(notDenied.getIsAccessDetermined() && !notDenied.getIsAllowed()).isFalse();
  }

  @Test
  void theSnapshotsDecisionsAreRangersTakingTheEnrichersTagsAwayLiftsThem() {
    PolicySnapshot s = with(
        List.of(filter("emea on schema s", Set.of("account users"), Set.of())),
        List.of(mask("mask_ssn on catalog c", "ssn", Set.of("account users"), Set.of())),
        List.of(deny("no_pii on catalog c", SCHEMA, Set.of("account users"), Set.of()),
            new BoundAccess("open on catalog c", new Principals(Set.of("account users"), Set.of()), Set.of(Privilege.MODIFY),
                false, TABLE)));
    Subject ann = user("ann", "account users");
    assertThat(s.rowFilter(ann, TABLE)).isPresent();
    assertThat(s.mask(ann, TABLE, "ssn")).isPresent();
    assertThat(s.attributePolicies().denyOrNull(ann, Privilege.SELECT, TABLE)).isNotNull();
    assertThat(s.attributePolicies().grantOrNull(ann, Privilege.MODIFY, TABLE)).isNotNull();
    // The same bindings, but Ranger's enricher now puts no tag on any request: nothing applies.
    // Decided beside Ranger, from the bindings, these would still apply.
    s.attributePolicies().compiled().enricher().setServiceTags(new org.apache.ranger.plugin.util.ServiceTags());
    assertThat(s.rowFilter(ann, TABLE)).isEmpty();
    assertThat(s.mask(ann, TABLE, "ssn")).isEmpty();
    assertThat(s.attributePolicies().denyOrNull(ann, Privilege.SELECT, TABLE)).isNull();
    assertThat(s.attributePolicies().grantOrNull(ann, Privilege.MODIFY, TABLE)).isNull();
  }

  @Test
  void principalsNamedLikeRangersSpecialGroupsAndMacrosMeanOnlyThemselves() {
    for (String special : List.of("public", "{USER}", "{OWNER}", "*")) {
      PolicySnapshot s = with(
          List.of(),
          List.of(mask("m on catalog c", "ssn", Set.of(special), Set.of())),
          List.of(deny("d on catalog c", TABLE, Set.of(special), Set.of())));
      Subject ann = user("ann", "account users");
      assertThat(s.mask(ann, TABLE, "ssn")).as(special).isEmpty();
      assertThat(s.attributePolicies().denyOrNull(ann, Privilege.SELECT, TABLE)).as(special).isNull();
      Subject member = user("mo", special.toLowerCase());
      assertThat(s.mask(member, TABLE, "ssn")).as(special).isPresent();
      assertThat(s.attributePolicies().denyOrNull(member, Privilege.SELECT, TABLE)).as(special).isNotNull();
    }
  }

  @Test
  void aDenyPolicyForSchemasReachesTheTablesBelowButNotTheSchemaNextDoor() {
    PolicySnapshot s = with(List.of(), List.of(), List.of(deny("d on catalog c", SCHEMA, Set.of("analysts"), Set.of("stewards"))));
    Subject ann = user("ann", "analysts");
    assertThat(s.attributePolicies().denyOrNull(ann, Privilege.SELECT, TABLE)).isNotNull();
    assertThat(s.attributePolicies().denyOrNull(ann, Privilege.SELECT, SCHEMA)).isNotNull();
    assertThat(s.attributePolicies().denyOrNull(ann, Privilege.SELECT, OTHER)).isNull();
    assertThat(s.attributePolicies().denyOrNull(ann, Privilege.MODIFY, TABLE)).isNull();
    assertThat(s.attributePolicies().denyOrNull(user("st", "analysts", "Stewards"), Privilege.SELECT, TABLE)).isNull();
    assertThat(s.rowFilter(ann, TABLE)).isEqualTo(Optional.empty());
  }
}
