package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.policy.Privilege;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The vocabulary of operations is well formed: names, requirements and what needs nothing. */
class OperationTest {

  @Test
  void everyOperationHasANonBlankAuditNameOfItsOwn() {
    Set<String> seen = new HashSet<>();
    for (Operation op : Operation.values()) {
      assertThat(op.auditName()).as(op.name()).isNotBlank();
      assertThat(seen.add(op.auditName())).as("audit name of " + op + " is unique").isTrue();
    }
  }

  @Test
  void everyOperationHasARequirementThatItsCheckCanMake() {
    for (Operation op : Operation.values()) {
      Requirement r = op.requirement();
      assertThat(r).as(op.name()).isNotNull();
      assertThat(r.kind()).as(op.name()).isNotNull();
      switch (r.kind()) {
        case CREATE -> assertThat(r.privileges()).as(op.name()).hasSize(1);
        case HOLD -> assertThat(r.privileges()).as(op.name()).isNotEmpty();
        case LIST -> assertThat(r.childType()).as(op.name()).isNotNull();
        default -> assertThat(r.privileges()).as(op.name()).isEmpty();
      }
      for (Requirement further : op.further()) {
        assertThat(further.needsNoPrivilege()).as("a further requirement of " + op + " asks for something").isFalse();
      }
    }
  }

  @Test
  void everyOperationThatNeedsAPrivilegeActsOnASecurable() {
    for (Operation op : Operation.values()) {
      if (op.requirement().needsNoPrivilege() || op.requirement().kind() == Requirement.Kind.METASTORE_ADMIN
          || op.requirement().kind() == Requirement.Kind.WORKSPACE_ADMIN) {
        continue;
      }
      assertThat(op.on()).as(op + " acts on a securable").isNotEmpty();
    }
  }

  @Test
  void anOperationAsksOnlyForThePrivilegesItNames() {
    assertThat(Operation.RESOLVE_TABLE.asksFor(Privilege.SELECT)).isTrue();
    assertThat(Operation.RESOLVE_TABLE.asksFor(Privilege.MODIFY)).isTrue();
    assertThat(Operation.RESOLVE_TABLE.asksFor(Privilege.WRITE_FILES)).isFalse();
  }

  @Test
  void onlyHealthTheConsoleAndLineagePagesTheOAuthTokenEndpointAndSignInArePublic() {
    Set<Operation> open = EnumSet.noneOf(Operation.class);
    Arrays.stream(Operation.values()).filter(op -> op.requirement().kind() == Requirement.Kind.PUBLIC).forEach(open::add);
    assertThat(open).containsExactlyInAnyOrder(
        Operation.HEALTH, Operation.GET_CONSOLE_PAGE, Operation.GET_LINEAGE_PAGE, Operation.OAUTH_CLIENT_CREDENTIALS, Operation.SIGN_IN);
  }
}
