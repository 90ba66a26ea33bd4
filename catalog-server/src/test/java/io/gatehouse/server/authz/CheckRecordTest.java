package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Securable;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detail of an Authorize call's one audit record: a line per check, bounded in size. */
class CheckRecordTest {
  private static Target table(String name) {
    String[] parts = name.split("\\.");
    return new Target(Securable.of(SecurableType.TABLE, parts), List.of("o", "o", "o"),
        List.of(parts[0], parts[0] + "." + parts[1], name));
  }

  @Test
  void listsEachCheckInOrderWithTheReasonOfDenials() {
    String detail = CheckRecord.detail(List.of(table("c.s.a"), table("c.s.b")), List.of(Privilege.SELECT, Privilege.MODIFY),
        List.of(Decision.allow("granted", List.of("SELECT on catalog c")), Decision.deny("missing MODIFY on table c.s.b")));
    assertThat(detail).isEqualTo("table:c.s.a:SELECT:allowed\ntable:c.s.b:MODIFY:denied:missing MODIFY on table c.s.b");
  }

  @Test
  void cutsLongReasonsAndCountsTheChecksPastTheBound() {
    int checks = 1000;
    String longName = "c.s." + "t".repeat(200);
    List<Target> targets = new ArrayList<>(Collections.nCopies(checks, table(longName)));
    List<Privilege> privileges = Collections.nCopies(checks, Privilege.SELECT);
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < checks; i++) {
      decisions.add(i % 2 == 0 ? Decision.allow("granted", List.of()) : Decision.deny("x".repeat(1000)));
    }
    String detail = CheckRecord.detail(targets, privileges, decisions);
    String[] lines = detail.split("\n");
    int listed = lines.length - 1;
    assertThat(detail.length()).isLessThanOrEqualTo(CheckRecord.MAX_DETAIL + 100);
    assertThat(listed).isBetween(10, checks - 1);
    assertThat(lines[1]).endsWith(":denied:" + "x".repeat(CheckRecord.MAX_REASON) + "...");
    long denied = decisions.subList(listed, checks).stream().filter(d -> !d.allowed()).count();
    assertThat(lines[lines.length - 1])
        .isEqualTo("... " + (checks - listed) + " more checks not listed, " + denied + " of them denied");
  }
}
