package io.gatehouse.server.signin;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Console sign-ins started and not yet answered, of every method (V27, V31): kept in the database
 * so that any replica may receive the answer, taken at most once (a row is deleted as it is read)
 * and only before it expires. A request of one method never answers another's.
 */
@ApplicationScoped
public class SignInRequests {
  /** The methods a request belongs to. */
  public enum Method { SAML, OIDC }

  /**
   * A pending request: where to go after, for which workspace; for OIDC also the issuer's name, the
   * nonce its ID token must carry and the PKCE verifier its code is exchanged with.
   */
  public record Pending(String returnTo, long workspace, String issuer, String nonce, String codeVerifier, Cli cli) {
    Pending(String returnTo, long workspace, String issuer, String nonce, String codeVerifier) {
      this(returnTo, workspace, issuer, nonce, codeVerifier, null);
    }
  }

  /**
   * A sign-in started by the command line (V33): the CLI's loopback port, its state and the S256
   * challenge of its PKCE verifier; the sign-in ends with a one-time code sent to
   * {@code http://127.0.0.1:<port>} ({@link CliSignIn}).
   */
  public record Cli(int port, String state, String challenge) {}

  /** Remembers a new request {@code id} (the SAML request id, the OIDC state) for {@code lifetime}. */
  void open(String id, Method method, Pending pending, Duration lifetime) {
    var em = Panache.getEntityManager();
    em.createNativeQuery("DELETE FROM sign_in_requests WHERE expires_at < now()").executeUpdate();
    em.createNativeQuery("INSERT INTO sign_in_requests (id, method, return_to, expires_at, workspace_id, issuer, nonce,"
            + " code_verifier, cli_port, cli_state, cli_challenge) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS integer), ?10, ?11)")
        .setParameter(1, id).setParameter(2, method.name()).setParameter(3, pending.returnTo())
        .setParameter(4, Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(lifetime)).setParameter(5, pending.workspace())
        .setParameter(6, pending.issuer()).setParameter(7, pending.nonce()).setParameter(8, pending.codeVerifier())
        .setParameter(9, pending.cli() == null ? null : Integer.toString(pending.cli().port()))
        .setParameter(10, pending.cli() == null ? null : pending.cli().state())
        .setParameter(11, pending.cli() == null ? null : pending.cli().challenge())
        .executeUpdate();
  }

  /**
   * The pending request {@code id} of {@code method}, removed so that nobody takes it again; empty
   * when there is none (never made, answered already, expired or of another method).
   */
  Optional<Pending> take(String id, Method method) {
    if (id == null || id.isEmpty() || id.length() > 64) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = Panache.getEntityManager()
        .createNativeQuery("DELETE FROM sign_in_requests WHERE id = ?1 AND method = ?2 AND expires_at >= now()"
            + " RETURNING return_to, workspace_id, issuer, nonce, code_verifier, cli_port, cli_state, cli_challenge")
        .setParameter(1, id).setParameter(2, method.name()).getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = rows.get(0);
    Cli cli = row[5] == null ? null : new Cli(((Number) row[5]).intValue(), (String) row[6], (String) row[7]);
    return Optional.of(new Pending((String) row[0], ((Number) row[1]).longValue(), (String) row[2], (String) row[3],
        (String) row[4], cli));
  }
}
