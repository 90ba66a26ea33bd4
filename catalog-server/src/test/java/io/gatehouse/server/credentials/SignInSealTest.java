package io.gatehouse.server.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.credentials.IssuedCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sign-in's sessions open only with the sign-in's token, in the row they were sealed for. */
class SignInSealTest {
  private static final IssuedCredentials SESSION = new IssuedCredentials("ASIASIGNIN", "secret-of-the-session",
      "token-of-the-session-".repeat(40), Instant.parse("2030-01-01T00:00:00Z"), "arn:aws:sts::1:assumed-role/r/s");
  private static final String TOKEN = "gat_0123456789abcdef0123456789abcdef";
  private static final String ROLE = "arn:aws:iam::123456789012:role/readers";

  @Test
  void opensWithTheSignInsTokenInItsOwnRowOnly() {
    byte[] sealed = SignInSeal.seal(TOKEN, "token-1", ROLE, SESSION);
    assertThat(SignInSeal.open(TOKEN, "token-1", ROLE, sealed)).isEqualTo(SESSION);

    String stored = new String(sealed, StandardCharsets.ISO_8859_1);
    assertThat(stored).doesNotContain("ASIASIGNIN").doesNotContain("secret-of-the-session").doesNotContain("token-of-the-session");
    // Another token (another user's, or the same user's personal access token), another row, another role.
    assertThat(SignInSeal.open("gat_ffffffffffffffffffffffffffffffff", "token-1", ROLE, sealed)).isNull();
    assertThat(SignInSeal.open(TOKEN.toUpperCase(), "token-1", ROLE, sealed)).isNull();
    assertThat(SignInSeal.open(TOKEN, "token-2", ROLE, sealed)).isNull();
    assertThat(SignInSeal.open(TOKEN, "token-1", ROLE + "x", sealed)).isNull();
    // Altered, cut short or of no known version.
    for (int i : new int[] {0, 5, sealed.length / 2, sealed.length - 1}) {
      byte[] altered = sealed.clone();
      altered[i] ^= 1;
      assertThat(SignInSeal.open(TOKEN, "token-1", ROLE, altered)).isNull();
    }
    assertThat(SignInSeal.open(TOKEN, "token-1", ROLE, java.util.Arrays.copyOf(sealed, 20))).isNull();
    assertThat(SignInSeal.open(TOKEN, "token-1", ROLE, new byte[0])).isNull();
    // Sealed twice, never the same bytes (a fresh nonce each time).
    assertThat(SignInSeal.seal(TOKEN, "token-1", ROLE, SESSION)).isNotEqualTo(sealed);
  }
}
