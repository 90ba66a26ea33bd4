package io.gatehouse.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupRoleMappingTest {
  static final String ANALYSTS = "arn:aws:iam::1:role/analysts";
  static final String ENGINEERS = "arn:aws:iam::1:role/engineers";
  final GroupRoleMapping mapping = new GroupRoleMapping(Map.of("Analysts", ANALYSTS, "data-engineers", ENGINEERS, "oncall", ENGINEERS));

  @Test
  void groupSelectsItsRoleCaseInsensitively() {
    assertThat(mapping.select(Set.of("analysts", "account users"), null)).isEqualTo(ANALYSTS);
  }

  @Test
  void severalGroupsOfOneRoleAreNoAmbiguity() {
    assertThat(mapping.select(Set.of("data-engineers", "oncall"), null)).isEqualTo(ENGINEERS);
  }

  @Test
  void storageCredentialRoleBreaksTies() {
    assertThat(mapping.select(Set.of("analysts", "oncall"), ENGINEERS)).isEqualTo(ENGINEERS);
  }

  @Test
  void unresolvableTieIsRefused() {
    assertThatThrownBy(() -> mapping.select(Set.of("analysts", "oncall"), "arn:aws:iam::1:role/other"))
        .isInstanceOf(CredentialRequestException.class)
        .hasMessageContaining("several data roles");
  }

  @Test
  void principalWithoutMappedGroupGetsNoRole() {
    assertThatThrownBy(() -> mapping.select(Set.of("account users"), ANALYSTS))
        .isInstanceOfSatisfying(CredentialRequestException.class,
            e -> assertThat(e.reason()).isEqualTo(CredentialRequestException.Reason.NOT_PERMITTED));
  }
}
