package io.gatehouse.server.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.credentials.CredentialRequestException;
import io.gatehouse.server.identity.PrincipalRoles.HeldRole;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which data role SCIM passthrough assumes, decided without a server (the wired path: ScimRolePassthroughTest). */
class ScimRoleChoiceTest {
  static final String A = "arn:aws:iam::123456789012:role/analysts";
  static final String B = "arn:aws:iam::123456789012:role/engineers";
  static final HeldRole HOLDS_A = new HeldRole("arn:aws:iam::123456789012:instance-profile/analysts", A, "analysts");
  static final HeldRole HOLDS_B = new HeldRole("arn:aws:iam::123456789012:instance-profile/engineers", B, "engineers");

  @Test
  void theOneHeldRoleTheCredentialServesIsChosen() {
    assertThat(ScimRoleChoice.pick("ann", List.of(HOLDS_A, HOLDS_B), Set.of(A), null, false, true)).isEqualTo(A);
  }

  @Test
  void severalServingRolesNeedTheRequestToNameOne() {
    assertThatThrownBy(() -> ScimRoleChoice.pick("ann", List.of(HOLDS_A, HOLDS_B), Set.of(A, B), null, true, true))
        .isInstanceOfSatisfying(CredentialRequestException.class, e -> {
          assertThat(e.reason()).isEqualTo(CredentialRequestException.Reason.INVALID);
          assertThat(e.getMessage()).contains("role_arn").contains(A).contains(B);
        });
    assertThat(ScimRoleChoice.pick("ann", List.of(HOLDS_A, HOLDS_B), Set.of(A, B), B, false, true)).isEqualTo(B);
  }

  @Test
  void aNamedRoleMustBeHeldAndServedSpelledExactly() {
    for (String named : List.of(B, A.toUpperCase(), A + "/", A.replace("arn:aws:", "arn:aws-cn:"))) {
      assertThatThrownBy(() -> ScimRoleChoice.pick("ann", List.of(HOLDS_A), Set.of(A, B), named, true, true))
          .isInstanceOfSatisfying(CredentialRequestException.class,
              e -> assertThat(e.reason()).isEqualTo(CredentialRequestException.Reason.NOT_PERMITTED));
    }
  }

  @Test
  void noServingRoleIsRefusedNamingWhatIsMissingUnlessTheGroupMapMayDecide() {
    assertThatThrownBy(() -> ScimRoleChoice.pick("ann", List.of(HOLDS_B), Set.of(A), null, false, false))
        .isInstanceOfSatisfying(CredentialRequestException.class, e -> {
          assertThat(e.reason()).isEqualTo(CredentialRequestException.Reason.NOT_PERMITTED);
          assertThat(e.getMessage()).contains("holds no instance profile").contains("serves [" + A + "]").contains(B)
              .doesNotContain("group-roles");
        });
    assertThat(ScimRoleChoice.pick("ann", List.of(HOLDS_B), Set.of(A), null, true, true)).isNull();
    // The map never overrides a choice the caller's SCIM roles make.
    assertThat(ScimRoleChoice.pick("ann", List.of(HOLDS_A), Set.of(A), null, true, true)).isEqualTo(A);
  }
}
