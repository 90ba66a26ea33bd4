package io.gatehouse.bench;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.AllInOneRanger;
import io.gatehouse.policy.Grant;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Securable;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.policyengine.RangerAccessRequestImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResourceImpl;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One SELECT decision on a table, through Gatehouse's authorize path ({@link AccessCheck#has},
 * ownership check, Ranger evaluation, grant lookup) and through the raw Ranger engine of the
 * same snapshot with an equivalent request. Grants are spread over 20 catalogs, 10 schemas each
 * and their tables, to 50 users and 20 groups; the subject is a user in three groups, and the
 * tables asked about rotate over 1,024 targets of which about half are granted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthorizeBenchmark {
  @Param({"10", "1000", "10000", "100000"})
  public int grants;

  private PolicySnapshot snapshot;
  private RangerPolicyEngine ranger;
  private Subject subject;
  private Target[] targets;
  private int next;

  @Setup(Level.Trial)
  public void build() {
    Random random = new Random(42);
    List<Grant> list = new ArrayList<>();
    List<Target> candidates = new ArrayList<>();
    for (int i = 0; i < grants; i++) {
      String catalog = "c" + random.nextInt(20);
      String schema = catalog + "-s" + random.nextInt(10);
      String table = schema + "-t" + random.nextInt(Math.max(10, grants / 100));
      String principal = random.nextInt(3) == 0 ? "group" + random.nextInt(20) : "user" + random.nextInt(50);
      Securable securable = switch (random.nextInt(10)) {
        case 0 -> Securable.of(SecurableType.CATALOG, catalog);
        case 1, 2 -> Securable.of(SecurableType.SCHEMA, catalog, schema);
        default -> Securable.of(SecurableType.TABLE, catalog, schema, table);
      };
      list.add(new Grant(principal, random.nextBoolean() ? Privilege.SELECT : Privilege.ALL_PRIVILEGES, securable));
    }
    for (int i = 0; i < 1024; i++) {
      String catalog = "c" + random.nextInt(20);
      String schema = catalog + "-s" + random.nextInt(10);
      String table = schema + "-t" + random.nextInt(Math.max(10, grants / 100));
      candidates.add(new Target(Securable.of(SecurableType.TABLE, catalog, schema, table), List.of("admins", "owner", "owner")));
    }
    snapshot = PolicySnapshot.of(1, list);
    ranger = AllInOneRanger.of(1, list);
    subject = new Subject("user7", Set.of("group1", "group2", "group3"), false);
    targets = candidates.toArray(Target[]::new);
  }

  @Benchmark
  public boolean gatehouse() {
    Target target = targets[next++ & 1023];
    return AccessCheck.has(snapshot, subject, Privilege.SELECT, target).allowed();
  }

  @Benchmark
  public boolean rawRanger() {
    Securable s = targets[next++ & 1023].securable();
    RangerAccessResourceImpl resource = new RangerAccessResourceImpl();
    resource.setValue("catalog", s.path().get(0));
    resource.setValue("schema", s.path().get(1));
    resource.setValue("table", s.path().get(2));
    RangerAccessRequestImpl request =
        new RangerAccessRequestImpl(resource, "select", subject.name(), subject.groups(), Collections.emptySet());
    return ranger.evaluatePolicies(request, RangerPolicy.POLICY_TYPE_ACCESS, null).getIsAllowed();
  }
}
