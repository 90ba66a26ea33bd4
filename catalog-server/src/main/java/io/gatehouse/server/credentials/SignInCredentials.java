package io.gatehouse.server.credentials;

import io.gatehouse.credentials.CredentialRequestException;
import io.gatehouse.credentials.CredentialVendor;
import io.gatehouse.credentials.IssuedCredentials;
import io.gatehouse.credentials.RoleSource;
import io.gatehouse.credentials.StsCallException;
import io.gatehouse.credentials.saml.SamlRole;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.Tokens;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * SAML passthrough from a console sign-in. At sign-in the response is exchanged at once
 * (AssumeRoleWithSAML) for each role its Role attribute names that a SAML_PASSTHROUGH storage
 * credential serves; the sessions are kept in PostgreSQL (any replica serves the user), sealed
 * with a key derived from the sign-in token ({@link SignInSeal}), for no longer than STS gave them
 * or the sign-in lasts, and go with the token (sign-out, revocation). A credential request made
 * with that token is then served by assuming the role again with the sign-in's session and the
 * request's session policy ({@link RoleSource.SignInSession}): the client never gets the sign-in's
 * session itself. The response is used for the exchange only and never kept or logged.
 */
@ApplicationScoped
public class SignInCredentials {
  private static final Logger LOG = Logger.getLogger(SignInCredentials.class);
  static final String ACTION = "EXCHANGE_SIGN_IN_SAML";

  private final CredentialVendor vendor;
  private final CredentialsConfig config;
  private final AuditTrail audit;
  private final CallerContext request;

  SignInCredentials(CredentialVendor vendor, CredentialsConfig config, AuditTrail audit, CallerContext request) {
    this.vendor = vendor;
    this.config = config;
    this.audit = audit;
    this.request = request;
  }

  /** A finished sign-in: who, its token (id, value, expiry), the response it came with and the roles it names. */
  public record SignIn(String principal, String tokenId, String tokenValue, Instant tokenExpires, String samlResponse,
      List<SamlRole> roles) {
    @Override
    public String toString() {
      return "SignIn[principal=" + principal + ", tokenId=" + tokenId + ", roles=" + roles + "]";
    }
  }

  /** The answer of STS for one role: its session, or why not. */
  public record Exchanged(SamlRole role, IssuedCredentials session, StsCallException failure) {
    @Override
    public String toString() {
      return "Exchanged[role=" + role.roleArn() + ", " + (session != null ? "session" : "failed") + "]";
    }
  }

  // The exchange at sign-in, in three steps so that the calls to STS hold no transaction: served
  // (a read, in the sign-in's transaction), call (STS, no transaction), keep (another transaction,
  // once the token's row is committed). SamlSignIn.finish runs them in that order.

  /** The roles of the sign-in to exchange: those a SAML_PASSTHROUGH storage credential names exactly (a read). */
  public List<SamlRole> served(SignIn signIn) {
    if (!config.saml().signInExchange() || signIn.roles().isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<String> served = Panache.getEntityManager()
        .createNativeQuery("SELECT DISTINCT role_arn FROM storage_credentials WHERE access_mode = ?1")
        .setParameter(1, AccessMode.SAML_PASSTHROUGH.name()).getResultList();
    Map<String, SamlRole> wanted = new LinkedHashMap<>();
    for (SamlRole role : signIn.roles()) {
      if (served.contains(role.roleArn())) { // ARNs exactly as the credential names them
        wanted.putIfAbsent(role.roleArn(), role);
      }
    }
    return List.copyOf(wanted.values());
  }

  /**
   * One AssumeRoleWithSAML per role, for no longer than the sign-in lasts; touches no database, so
   * it runs outside any transaction. A refusal by STS is answered, not thrown.
   */
  public List<Exchanged> call(SignIn signIn, List<SamlRole> wanted) {
    Duration lifetime = config.saml().signInDuration();
    if (signIn.tokenExpires() != null) {
      Duration left = Duration.between(Instant.now(), signIn.tokenExpires());
      lifetime = left.compareTo(lifetime) < 0 ? left : lifetime;
    }
    List<Exchanged> answers = new ArrayList<>();
    for (SamlRole role : wanted) {
      try {
        answers.add(new Exchanged(role, vendor.exchangeSignIn(role.roleArn(), role.providerArn(), signIn.samlResponse(),
            lifetime), null));
      } catch (StsCallException e) {
        LOG.warnf("AssumeRoleWithSAML at sign-in of %s failed: %s%s", signIn.principal(), e.getMessage(),
            e.detail() == null ? "" : " (" + e.detail() + ")");
        answers.add(new Exchanged(role, null, e));
      }
    }
    return answers;
  }

  /**
   * Keeps the sessions STS gave, sealed and bound to the sign-in's token (whose row must exist),
   * and audits every answer. A refusal by STS does not stop the sign-in; credential requests then
   * say to sign in again.
   */
  public void keep(SignIn signIn, List<Exchanged> answers) {
    if (answers.isEmpty()) {
      return;
    }
    var em = Panache.getEntityManager();
    em.createNativeQuery("DELETE FROM sign_in_credentials WHERE expires_at < statement_timestamp()").executeUpdate();
    for (Exchanged answer : answers) {
      SamlRole role = answer.role();
      if (answer.session() == null) {
        record(signIn, AuditEvent.Result.FAILED, answer.failure().getMessage());
        continue;
      }
      IssuedCredentials session = answer.session();
      Instant expires = signIn.tokenExpires() != null && signIn.tokenExpires().isBefore(session.expiration())
          ? signIn.tokenExpires() : session.expiration();
      em.createNativeQuery("INSERT INTO sign_in_credentials (token_id, role_arn, expires_at, sealed) VALUES (?1, ?2, ?3, ?4)")
          .setParameter(1, signIn.tokenId()).setParameter(2, role.roleArn())
          .setParameter(3, java.sql.Timestamp.from(expires))
          .setParameter(4, SignInSeal.seal(signIn.tokenValue(), signIn.tokenId(), role.roleArn(), session))
          .executeUpdate();
      record(signIn, AuditEvent.Result.SUCCEEDED, "AssumeRoleWithSAML of " + role.roleArn() + " (provider "
          + role.providerArn() + ") for sign-in token " + signIn.tokenId() + ", expires " + expires);
    }
  }

  private void record(SignIn signIn, AuditEvent.Result result, String detail) {
    audit.recordFor(signIn.principal(), request.requestId(), request.sourceAddress(), ACTION, "TOKEN", signIn.tokenId(),
        result, () -> detail);
  }

  /**
   * The role source of a SAML_PASSTHROUGH request made with {@code bearer} by {@code principalId}
   * when that bearer is the token of one of the principal's SAML sign-ins: its session of the
   * credential's role. Null when the bearer is no sign-in token of the principal (a personal
   * access token, a JWT, an engine's token acting for the user). A sign-in that holds no live
   * session of the role is refused, telling the user to sign in again.
   */
  RoleSource source(StorageCredentialEntity credential, String bearer, UUID principalId) {
    if (bearer == null || bearer.isBlank()) {
      return null;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
            "SELECT t.id, t.kind, c.role_arn, c.expires_at > statement_timestamp(), c.sealed,"
                + " to_char(c.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                + " FROM tokens t LEFT JOIN sign_in_credentials c ON c.token_id = t.id"
                + " WHERE t.hash = ?1 AND t.principal_id = ?2")
        .setParameter(1, Tokens.hash(bearer)).setParameter(2, principalId).getResultList();
    if (rows.isEmpty() || !"SIGN_IN".equals(rows.get(0)[1])) {
      return null;
    }
    String tokenId = (String) rows.get(0)[0];
    Set<String> held = new TreeSet<>();
    List<String> expired = new ArrayList<>();
    for (Object[] row : rows) {
      String role = (String) row[2];
      if (role == null) {
        continue;
      }
      boolean live = Boolean.TRUE.equals(row[3]);
      if (!role.equals(credential.roleArn)) {
        if (live) {
          held.add(role);
        }
        continue;
      }
      if (!live) {
        expired.add((String) row[5]);
        continue;
      }
      IssuedCredentials session = SignInSeal.open(bearer, tokenId, role, (byte[]) row[4]);
      if (session == null) {
        throw new CredentialRequestException(CredentialRequestException.Reason.NOT_PERMITTED,
            "the AWS session of your SAML sign-in for role " + role + " cannot be opened with this token; sign in again");
      }
      return new RoleSource.SignInSession(role, session, tokenId);
    }
    if (!expired.isEmpty()) {
      throw new CredentialRequestException(CredentialRequestException.Reason.NOT_PERMITTED,
          "the AWS session of your SAML sign-in for role " + credential.roleArn + " expired at " + expired.get(0)
              + "; sign in again");
    }
    throw new CredentialRequestException(CredentialRequestException.Reason.NOT_PERMITTED,
        "your SAML sign-in holds no AWS session of role " + credential.roleArn + " (it holds "
            + (held.isEmpty() ? "none" : held.stream().collect(Collectors.joining(", "))) + "): the response of the"
            + " sign-in named no such role, or STS refused it; sign in again with a role the identity provider grants you,"
            + " or send saml_response");
  }
}
