package io.gatehouse.server.signin;

import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.Authenticator;
import io.gatehouse.server.identity.Tokens;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in from the command line ({@code gatehouse login --sso}), as RFC 8252 has native apps do
 * it: the CLI listens on {@code 127.0.0.1} on a port of its own, makes a random state and a PKCE
 * verifier and sends its user's browser to {@code GET /sign-in/cli}, which starts the ordinary
 * SAML or OIDC sign-in with those recorded in the pending request (database: any replica finishes
 * it). When that sign-in succeeds the browser is sent to {@code http://127.0.0.1:<port>/callback}
 * (the server builds this address from the port alone: no other host can be named) with a
 * one-time code, short-lived, and the CLI's state; no token travels in a URL. The CLI exchanges
 * the code with its verifier ({@code POST /sign-in/cli/token}) for the sign-in's SIGN_IN token.
 */
@ApplicationScoped
public class CliSignIn {
  static final String CALLBACK = "/callback";
  private static final int LOWEST_PORT = 1024;
  private static final int HIGHEST_PORT = 65535;
  /** Ports as digits only, no sign, no leading zero: nothing but a number can reach the address. */
  private static final Pattern PORT = Pattern.compile("[1-9][0-9]{3,4}");
  private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{16,128}");
  /** An S256 challenge: base64url of 32 bytes, no padding (RFC 7636 4.2). */
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
  /** A verifier (RFC 7636 4.1): 43 to 128 unreserved characters. */
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final byte[] LABEL = "gatehouse cli sign-in code v1".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The token a code was exchanged for, and for whom; or why not. */
  record Exchanged(String token, String user, Instant expires, String refusal) {
    static Exchanged refused(String why) {
      return new Exchanged(null, null, null, why);
    }
  }

  private final Duration codeLifetime;
  private final SignInCompletion completion;
  private final Authenticator authenticator;

  CliSignIn(@ConfigProperty(name = "gatehouse.sign-in.cli.code-lifetime", defaultValue = "60s") Duration codeLifetime,
      SignInCompletion completion, Authenticator authenticator) {
    this.codeLifetime = codeLifetime;
    this.completion = completion;
    this.authenticator = authenticator;
  }

  /**
   * The command line's request, checked: a port (1024-65535, digits only), a state, an S256
   * challenge; anything else, also a {@code redirect_uri} (the address is never taken from the
   * request), is a 400.
   */
  static SignInRequests.Cli request(String port, String state, String challenge, String challengeMethod, String redirectUri) {
    if (redirectUri != null) {
      throw GatehouseException.invalid("Parameter 'redirect_uri' is not taken: a command-line sign-in returns to"
          + " http://127.0.0.1:<port>" + CALLBACK + " only; pass 'port'.");
    }
    if (port == null || !PORT.matcher(port).matches() || Integer.parseInt(port) < LOWEST_PORT
        || Integer.parseInt(port) > HIGHEST_PORT) {
      throw GatehouseException.invalid("Parameter 'port' must be the CLI's loopback port, a number from " + LOWEST_PORT
          + " to " + HIGHEST_PORT + ".");
    }
    if (state == null || !STATE.matcher(state).matches()) {
      throw GatehouseException.invalid("Parameter 'state' must be 16 to 128 characters of A-Z, a-z, 0-9, '-' and '_'.");
    }
    if (!"S256".equals(challengeMethod)) {
      throw GatehouseException.invalid("Parameter 'code_challenge_method' must be S256 (plain PKCE is not accepted).");
    }
    if (challenge == null || !CHALLENGE.matcher(challenge).matches()) {
      throw GatehouseException.invalid("Parameter 'code_challenge' must be the base64url S256 challenge of the CLI's"
          + " PKCE verifier (43 characters).");
    }
    return new SignInRequests.Cli(Integer.parseInt(port), state, challenge);
  }

  /** Where a finished command-line sign-in sends the browser: the CLI's loopback listener, always. */
  static String loopback(int port) {
    if (port < LOWEST_PORT || port > HIGHEST_PORT) {
      throw new IllegalArgumentException("port " + port);
    }
    return "http://127.0.0.1:" + port + CALLBACK;
  }

  /**
   * What a sign-in that succeeded gives when the command line started it: a one-time code, its
   * token sealed under it, and the browser sent to the CLI's loopback address with the code and
   * the state. A refusal, or a sign-in of the console, passes unchanged. Runs in the sign-in's
   * transaction (the code refers to its token).
   */
  SignInCompletion.Outcome handOff(SignInCompletion.Outcome outcome, SignInRequests.Cli cli) {
    if (cli == null || outcome.token() == null) {
      return outcome;
    }
    var em = Panache.getEntityManager();
    em.flush(); // the token's row first: the code refers to it
    // Sign-ins whose code nobody redeemed in time end (their tokens were never handed out), and
    // redeemed codes are forgotten an hour on (until then, one presented again ends its sign-in).
    em.createNativeQuery("DELETE FROM tokens WHERE kind = 'SIGN_IN' AND id IN (SELECT token_id FROM cli_sign_in_codes"
        + " WHERE redeemed_at IS NULL AND expires_at < statement_timestamp())").executeUpdate();
    em.createNativeQuery("DELETE FROM cli_sign_in_codes WHERE expires_at < statement_timestamp() - interval '1 hour'")
        .executeUpdate();
    String code = random(32);
    em.createNativeQuery("INSERT INTO cli_sign_in_codes (code_hash, token_id, code_challenge, sealed_token, expires_at)"
            + " VALUES (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, Tokens.hash(code)).setParameter(2, outcome.tokenId()).setParameter(3, cli.challenge())
        .setParameter(4, seal(code, outcome.tokenId(), outcome.token()))
        .setParameter(5, java.sql.Timestamp.from(Instant.now().plus(codeLifetime)))
        .executeUpdate();
    return outcome.redirectedTo(loopback(cli.port()) + "?code=" + code + "&state=" + cli.state());
  }

  /**
   * The SIGN_IN token for a code and the verifier whose challenge it was issued under. The code is
   * redeemed at the first attempt, whatever follows (its sealed token dropped): a wrong or missing
   * verifier, or an expired code, is refused and ends the sign-in it came from (its token, never
   * handed out, deleted); a code presented again is refused and ends the sign-in its first
   * exchange gave (RFC 6749 4.1.2: someone else holds the code). Runs in its own transaction,
   * which a refusal does not roll back: it is returned, not thrown. Malformed fields are thrown
   * (400) before anything is read.
   */
  @jakarta.transaction.Transactional
  Exchanged exchange(String grantType, String code, String verifier) {
    if (grantType != null && !grantType.equals("authorization_code")) {
      throw GatehouseException.invalid("Field 'grant_type' must be authorization_code.");
    }
    if (code == null || !CODE.matcher(code).matches()) {
      throw GatehouseException.invalid("Field 'code' must be the code the sign-in sent to the CLI's loopback address.");
    }
    // The row is locked while it is read, so that of two exchanges of one code the second sees the first's mark.
    @SuppressWarnings("unchecked")
    List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
            "WITH found AS (SELECT code_hash, redeemed_at, sealed_token FROM cli_sign_in_codes WHERE code_hash = ?1 FOR UPDATE)"
                + " UPDATE cli_sign_in_codes c SET redeemed_at = coalesce(c.redeemed_at, statement_timestamp()),"
                + " sealed_token = NULL FROM found, tokens t, principals p"
                + " WHERE c.code_hash = found.code_hash AND t.id = c.token_id AND p.id = t.principal_id"
                + " RETURNING c.token_id, c.code_challenge, found.sealed_token, c.expires_at >= statement_timestamp(), p.name,"
                + " t.expires_at, found.redeemed_at IS NOT NULL")
        .setParameter(1, Tokens.hash(code)).getResultList();
    if (rows.isEmpty()) {
      completion.refused(null, "command line: code refused: unknown, or its sign-in ended");
      return Exchanged.refused("This code is not valid: it was never issued, or its sign-in has ended. Sign in again.");
    }
    Object[] row = rows.get(0);
    String tokenId = (String) row[0];
    String refusal = null;
    if (Boolean.TRUE.equals(row[6])) {
      refusal = "This code was used already; the sign-in it gave is ended. Sign in again.";
    } else if (!Boolean.TRUE.equals(row[3])) {
      refusal = "This code has expired. Sign in again.";
    } else if (verifier == null || !VERIFIER.matcher(verifier).matches()
        || !MessageDigest.isEqual(OidcSignIn.challenge(verifier).getBytes(StandardCharsets.US_ASCII),
            ((String) row[1]).getBytes(StandardCharsets.US_ASCII))) {
      refusal = "The code verifier does not match the challenge this sign-in was started with. Sign in again.";
    }
    String token = refusal == null ? open(code, tokenId, (byte[]) row[2]) : null;
    if (token == null) {
      // Whoever holds a code it cannot redeem gets nothing, and the sign-in it came from ends (its
      // token, and with it any AWS sessions of the sign-in and the code's row).
      @SuppressWarnings("unchecked")
      List<byte[]> ended = Panache.getEntityManager()
          .createNativeQuery("DELETE FROM tokens WHERE id = ?1 AND kind = 'SIGN_IN' RETURNING hash")
          .setParameter(1, tokenId).getResultList();
      ended.forEach(authenticator::evictToken);
      completion.refused((String) row[4], "command line: code refused, sign-in ended: "
          + (refusal != null ? refusal : "does not open"));
      return Exchanged.refused(refusal != null ? refusal : "This code is not valid. Sign in again.");
    }
    Object expires = row[5];
    return new Exchanged(token, (String) row[4], expires == null ? null : toInstant(expires), null);
  }

  private static Instant toInstant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    return null;
  }

  /** {@code bytes} random bytes, base64url without padding. */
  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  // --- The token sealed under the code ---------------------------------------------------------

  static byte[] seal(String code, String tokenId, String token) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, code, nonce, tokenId);
      byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token, or null when {@code sealed} does not open with this code for this token id. */
  static String open(String code, String tokenId, byte[] sealed) {
    if (sealed == null || sealed.length < 12 + 16) {
      return null;
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, code, java.util.Arrays.copyOf(sealed, 12), tokenId);
      return new String(cipher.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  private static Cipher cipher(int mode, String code, byte[] nonce, String tokenId) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(code.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    byte[] key = mac.doFinal(LABEL); // not the stored SHA-256 of the code
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    cipher.updateAAD(tokenId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
