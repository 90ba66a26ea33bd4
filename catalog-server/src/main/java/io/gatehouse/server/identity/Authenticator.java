package io.gatehouse.server.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns an {@code Authorization} header into a {@link Caller}, or refuses it. Access tokens are
 * looked up by their SHA-256 (one index probe, so the time taken does not depend on how much of a
 * guess matches); JWTs go to the {@link OidcVerifier}. Verified credentials are remembered for
 * {@code gatehouse.auth.cache-ttl}; revoking a token and deactivating or deleting a principal
 * evict them here at once.
 */
@ApplicationScoped
public class Authenticator {
  private static final Logger LOG = Logger.getLogger(Authenticator.class);
  private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
  private static final int MAX_HEADER = 16_384;

  private final AgroalDataSource dataSource;
  private final AuditTrail audit;
  private final OidcVerifier oidc;
  private final Cache<String, Caller> verified;
  /** Moves on every settings change: a check that began before one is not remembered after it. */
  private final java.util.concurrent.atomic.AtomicLong settingsGeneration = new java.util.concurrent.atomic.AtomicLong();
  private final TokenPolicy tokenPolicy;

  Authenticator(
      AgroalDataSource dataSource,
      AuditTrail audit,
      TokenPolicy tokenPolicy,
      AuthConfig config,
      OidcVerifier oidc) {
    this.dataSource = dataSource;
    this.audit = audit;
    this.tokenPolicy = tokenPolicy;
    this.oidc = oidc;
    this.verified = Caffeine.newBuilder().expireAfterWrite(config.cacheTtl()).maximumSize(100_000).build();
  }

  /** The caller for a header already verified within the cache lifetime, without blocking. */
  public Caller cached(String authorization) {
    String token = bearer(authorization);
    Caller caller = verified.getIfPresent(key(token));
    return caller != null && caller.trustedUntil().isAfter(Instant.now()) ? caller : null;
  }

  /** Verifies the header's credential; blocking (database, JWKS). */
  public Caller authenticate(String authorization) {
    return authenticate(authorization, null);
  }

  /**
   * Verifies the header's credential of a request from {@code source} (for the audit record of
   * a token's first use); blocking (database, JWKS).
   */
  public Caller authenticate(String authorization, String source) {
    String token = bearer(authorization);
    long generation = settingsGeneration.get();
    Caller caller = oidc.enabled() && OidcVerifier.looksLikeJwt(token) ? fromJwt(token) : fromAccessToken(token, source);
    String key = key(token);
    verified.put(key, caller);
    if (settingsGeneration.get() != generation) {
      verified.invalidate(key); // checked under settings that have changed since
    }
    return caller;
  }

  public void evictToken(byte[] hash) {
    verified.invalidate(HexFormat.of().formatHex(hash));
  }

  /**
   * The token policy or the token permissions changed, or a token was revoked on some replica:
   * every credential is checked again.
   */
  void onSettingsChanged(@Observes WorkspaceSettings.Changed changed) {
    settingsGeneration.incrementAndGet();
    verified.invalidateAll();
  }

  public void evictPrincipal(UUID principalId) {
    verified.asMap().values().removeIf(c -> c.principal().id().equals(principalId));
  }

  private static String bearer(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw AuthenticationException.missing();
    }
    if (authorization.length() > MAX_HEADER) {
      throw AuthenticationException.malformed("The Authorization header is too long.");
    }
    int space = authorization.indexOf(' ');
    if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
      throw AuthenticationException.malformed("The Authorization header must use the Bearer scheme.");
    }
    String token = authorization.substring(space + 1).trim();
    if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
      throw AuthenticationException.malformed("The bearer token is empty or contains invalid characters.");
    }
    return token;
  }

  private static String key(String token) {
    return HexFormat.of().formatHex(Tokens.hash(token));
  }

  private Caller fromAccessToken(String token, String source) {
    byte[] hash = Tokens.hash(token);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT t.id, t.expires_at, t.last_used_at, p.id, p.name, p.kind, p.active, t.kind, t.workspace_id,"
                    + " statement_timestamp()"
                    + " FROM tokens t JOIN principals p ON p.id = t.principal_id WHERE t.hash = ?")) {
      s.setBytes(1, hash);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw AuthenticationException.invalid("The access token is not valid: unknown or revoked.");
        }
        String tokenId = rs.getString(1);
        String owner = rs.getString(5);
        Instant expires = instant(rs.getTimestamp(2));
        // Expiry is decided on the database's clock, the one every replica shares: replicas whose
        // own clocks drift apart still refuse a token at the same moment.
        Instant now = instant(rs.getTimestamp(10));
        if (expires != null && !expires.isAfter(now)) {
          throw AuthenticationException.invalid("The access token has expired.").of(owner, tokenId);
        }
        if (!rs.getBoolean(7)) {
          throw AuthenticationException.invalid("The principal of this token is deactivated.").of(owner, tokenId);
        }
        Principal principal =
            new Principal(rs.getObject(4, UUID.class), owner, Principal.Type.valueOf(rs.getString(6)));
        if (TokenEntity.Kind.PAT.name().equals(rs.getString(8))) {
          String refusal = tokenPolicy.refusal(rs.getLong(9), principal.id(), () -> groupNames(c, principal.id()));
          if (refusal != null) {
            throw AuthenticationException.invalid(refusal).of(owner, tokenId);
          }
        }
        Instant lastUsed = instant(rs.getTimestamp(3));
        if (lastUsed == null) {
          // Only the request that sets the first use records it: one conditional UPDATE, once.
          if (markFirstUse(c, tokenId, now)) {
            String kind = rs.getString(8);
            audit.recordFor(owner, null, source, "USE_TOKEN_FIRST_TIME", "TOKEN", tokenId, AuditEvent.Result.SUCCEEDED,
                () -> "kind=" + kind);
          }
        } else if (lastUsed.plus(LAST_USED_GRANULARITY).isBefore(now)) {
          markUsed(c, tokenId, now);
        }
        // Trusted until the expiry, measured from here on this replica's clock (for the cache).
        Instant until = expires == null ? Instant.MAX : Instant.now().plus(java.time.Duration.between(now, expires));
        return new Caller(principal, Set.of(), until, rs.getLong(9));
      }
    } catch (SQLException e) {
      LOG.error("token lookup failed", e);
      throw new IllegalStateException("token lookup failed", e);
    }
  }

  private Caller fromJwt(String jwt) {
    OidcVerifier.Verified token = oidc.verify(jwt);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT id, name, kind, active FROM principals WHERE lower(name) = lower(?) AND kind <> 'GROUP'")) {
      s.setString(1, token.user());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw AuthenticationException.invalid("The JWT names a user that does not exist here.");
        }
        if (!rs.getBoolean(4)) {
          throw AuthenticationException.invalid("The user of this JWT is deactivated.");
        }
        Principal principal =
            new Principal(rs.getObject(1, UUID.class), rs.getString(2), Principal.Type.valueOf(rs.getString(3)));
        return new Caller(principal, token.groups(), token.expiresAt());
      }
    } catch (SQLException e) {
      LOG.error("principal lookup failed", e);
      throw new IllegalStateException("principal lookup failed", e);
    }
  }

  /** The groups of a principal, direct and nested, as {@link Memberships} reads them, over this connection. */
  private static Set<String> groupNames(Connection c, UUID principalId) {
    try (PreparedStatement s = c.prepareStatement(
        "WITH RECURSIVE up(id) AS ("
            + " SELECT group_id FROM group_members WHERE member_id = ?"
            + " UNION SELECT m.group_id FROM group_members m JOIN up ON m.member_id = up.id)"
            + " SELECT p.name FROM up JOIN principals p ON p.id = up.id WHERE p.active")) {
      s.setObject(1, principalId);
      Set<String> names = new java.util.HashSet<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    } catch (SQLException e) {
      throw new IllegalStateException("group lookup failed", e);
    }
  }

  private static boolean markFirstUse(Connection c, String tokenId, Instant now) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("UPDATE tokens SET last_used_at = ? WHERE id = ? AND last_used_at IS NULL")) {
      u.setTimestamp(1, Timestamp.from(now));
      u.setString(2, tokenId);
      return u.executeUpdate() == 1;
    }
  }

  // Kept coarse (once a minute per token) so that authentication does not write on every request.
  private static void markUsed(Connection c, String tokenId, Instant now) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("UPDATE tokens SET last_used_at = ? WHERE id = ?")) {
      u.setTimestamp(1, Timestamp.from(now));
      u.setString(2, tokenId);
      u.executeUpdate();
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
