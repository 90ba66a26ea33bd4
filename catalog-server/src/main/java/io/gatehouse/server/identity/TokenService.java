package io.gatehouse.server.identity;

import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.TokenApi.CreatedToken;
import io.gatehouse.server.identity.TokenApi.TokenInfo;
import io.gatehouse.server.store.DatabaseClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Issues, lists and revokes access tokens. The token value is returned once and never stored.
 * Issuing and revoking are audited (CREATE_TOKEN, REVOKE_TOKEN) in the transaction that does
 * them, naming the token by its id; its first use is audited by {@link Authenticator}.
 */
@ApplicationScoped
@Transactional
public class TokenService {
  static final long MAX_LIFETIME_SECONDS = Duration.ofDays(730).toSeconds();
  static final int MAX_COMMENT = 1024;

  private final Authenticator authenticator;
  private final AuditTrail audit;
  private final CallerContext caller;
  private final TokenPolicy policy;
  private final Memberships memberships;

  TokenService(Authenticator authenticator, AuditTrail audit, CallerContext caller, TokenPolicy policy, Memberships memberships) {
    this.authenticator = authenticator;
    this.audit = audit;
    this.caller = caller;
    this.policy = policy;
    this.memberships = memberships;
  }

  /**
   * Issues a token; a personal access token only as the workspace's token policy allows: tokens
   * enabled, the owner holding CAN_USE (or an admin), within the maximum lifetime (which a token
   * asked for without expiry gets) and the limit per principal.
   */
  public CreatedToken issue(PrincipalEntity owner, UUID createdBy, TokenEntity.Kind kind, Long askedLifetime, String comment,
      long workspace) {
    Long lifetimeSeconds = askedLifetime;
    // On the database's clock, as expiry is decided (DatabaseClock): every replica agrees on it.
    Instant now = DatabaseClock.now().truncatedTo(ChronoUnit.MILLIS);
    if (kind == TokenEntity.Kind.PAT) {
      Set<String> groups = memberships.effectiveGroupNames(owner.id);
      String refusal = policy.refusal(workspace, owner.id, () -> groups);
      if (refusal != null) {
        audit.record("CREATE_TOKEN", "TOKEN", null, AuditEvent.Result.DENIED, () -> "owner=" + owner.name + ": " + refusal);
        throw TokenPolicy.refused(refusal);
      }
      lifetimeSeconds = policy.lifetime(workspace, askedLifetime);
      long held = TokenEntity.count("principalId = ?1 and kind = ?2 and workspaceId = ?3 and (expiresAt is null or expiresAt > ?4)",
          owner.id, TokenEntity.Kind.PAT, workspace, now);
      if (held >= policy.maxTokensPerUser(workspace) && !policy.isAdmin(groups)) {
        throw GatehouseException.failedPrecondition("'" + owner.name + "' already holds " + held
            + " personal access tokens, the most allowed (" + policy.maxTokensPerUser(workspace) + "); revoke one first.");
      }
    }
    if (lifetimeSeconds != null && (lifetimeSeconds <= 0 || lifetimeSeconds > MAX_LIFETIME_SECONDS)) {
      throw GatehouseException.invalid(
          "Field 'lifetime_seconds' must be between 1 and " + MAX_LIFETIME_SECONDS + " (two years); leave it out for no expiry.");
    }
    String value = Tokens.newSecret(Tokens.ACCESS_TOKEN_PREFIX);
    TokenEntity token = new TokenEntity();
    token.id = Tokens.newId();
    token.principalId = owner.id;
    token.hash = Tokens.hash(value);
    token.kind = kind;
    token.workspaceId = workspace;
    token.comment = Validation.text("comment", comment, MAX_COMMENT);
    token.createdBy = createdBy;
    token.createdAt = now;
    token.expiresAt = lifetimeSeconds == null ? null : token.createdAt.plusSeconds(lifetimeSeconds);
    token.persist();
    Map<UUID, PrincipalEntity> principals = owners(List.of(token));
    PrincipalEntity creator = principals.get(createdBy);
    String how = kind == TokenEntity.Kind.OAUTH ? "client_credentials" : owner.id.equals(createdBy) ? "own" : "on-behalf-of";
    audit.recordFor(creator == null ? null : creator.name, caller.requestId(), caller.sourceAddress(), "CREATE_TOKEN", "TOKEN",
        token.id, AuditEvent.Result.SUCCEEDED,
        () -> "kind=" + kind + " (" + how + "), owner=" + owner.name
            + ", expires=" + (token.expiresAt == null ? "never" : token.expiresAt.toString()) + ", workspace=" + workspace);
    return new CreatedToken(value, info(token, principals));
  }

  /** Stores a token whose value the operator chose (the bootstrap admin token). */
  void register(PrincipalEntity owner, String value, String comment) {
    byte[] hash = Tokens.hash(value);
    if (TokenEntity.count("hash", hash) > 0) {
      return;
    }
    TokenEntity token = new TokenEntity();
    token.id = Tokens.newId();
    token.principalId = owner.id;
    token.hash = hash;
    token.kind = TokenEntity.Kind.PAT;
    token.comment = comment;
    token.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    token.persist();
  }

  /** The tokens admins list and revoke through token management: personal access tokens and console sign-ins. */
  private static final List<TokenEntity.Kind> ADMINISTERED = List.of(TokenEntity.Kind.PAT, TokenEntity.Kind.SIGN_IN);

  public List<TokenInfo> listOwnedBy(UUID principalId) {
    return infos(TokenEntity.list("principalId = ?1 and kind = ?2 order by createdAt", principalId, TokenEntity.Kind.PAT));
  }

  /** Every administered token, or only those of {@code workspace} when it is not null. */
  public List<TokenInfo> listAll(String createdById, Long workspace) {
    StringBuilder query = new StringBuilder("kind in :kinds");
    io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("kinds", ADMINISTERED);
    if (createdById != null) {
      query.append(" and createdBy = :creator");
      params.and("creator", parseId(createdById));
    }
    if (workspace != null) {
      query.append(" and workspaceId = :workspace");
      params.and("workspace", workspace);
    }
    return infos(TokenEntity.list(query.append(" order by createdAt").toString(), params));
  }

  /** An administered token, of {@code workspace} when it is not null (another workspace's is not found). */
  public TokenInfo get(String tokenId, Long workspace) {
    TokenEntity token = administered(tokenId, workspace);
    return info(token, owners(List.of(token)));
  }

  /** As {@link #revoke}, by an admin, limited to {@code workspace}'s tokens when it is not null. */
  public void revokeAdministered(String tokenId, Long workspace) {
    administered(tokenId, workspace);
    revoke(tokenId, null);
  }

  private TokenEntity administered(String tokenId, Long workspace) {
    TokenEntity token = find(tokenId, null);
    if (workspace != null && token.workspaceId != workspace) {
      throw GatehouseException.notFound("Token '" + Validation.printable(tokenId) + "' does not exist.");
    }
    return token;
  }

  /** Revokes a token; {@code ownerId} limits it to the caller's own tokens when not null. */
  public void revoke(String tokenId, UUID ownerId) {
    TokenEntity token = find(tokenId, ownerId);
    authenticator.evictToken(token.hash);
    token.delete();
    PrincipalEntity owner = PrincipalEntity.findById(token.principalId);
    audit.record("REVOKE_TOKEN", "TOKEN", token.id, AuditEvent.Result.SUCCEEDED,
        () -> "kind=" + token.kind + ", owner=" + (owner == null ? token.principalId : owner.name));
  }

  /**
   * Ends a console sign-in: revokes {@code presented} (the bearer value of this request) if it is
   * a SIGN_IN token of {@code ownerId}; any other credential (a personal access token typed into
   * the console, a JWT) is left as it is. Whether one was revoked.
   */
  public boolean signOut(String presented, UUID ownerId) {
    if (presented == null || presented.isBlank()) {
      return false;
    }
    byte[] hash = Tokens.hash(presented);
    TokenEntity token = TokenEntity.find("hash", hash).firstResult();
    if (token == null || token.kind != TokenEntity.Kind.SIGN_IN || !token.principalId.equals(ownerId)) {
      return false;
    }
    authenticator.evictToken(token.hash);
    token.delete();
    audit.record("SIGN_OUT", "TOKEN", token.id, AuditEvent.Result.SUCCEEDED, () -> "kind=SIGN_IN");
    return true;
  }

  private TokenEntity find(String tokenId, UUID ownerId) {
    Validation.required("token_id", tokenId, 64);
    TokenEntity token = TokenEntity.findById(tokenId);
    // Admins (no owner given) also see and revoke console sign-ins; owners their personal tokens.
    boolean reachable = ownerId == null ? ADMINISTERED.contains(token == null ? null : token.kind) : token != null
        && token.kind == TokenEntity.Kind.PAT && token.principalId.equals(ownerId);
    if (token == null || !reachable) {
      throw GatehouseException.notFound("Token '" + Validation.printable(tokenId) + "' does not exist.");
    }
    return token;
  }

  private List<TokenInfo> infos(List<TokenEntity> tokens) {
    Map<UUID, PrincipalEntity> owners = owners(tokens);
    return tokens.stream().map(t -> info(t, owners)).toList();
  }

  private static Map<UUID, PrincipalEntity> owners(List<TokenEntity> tokens) {
    List<UUID> ids = tokens.stream().flatMap(t -> java.util.stream.Stream.of(t.principalId, t.createdBy)).filter(java.util.Objects::nonNull).distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    return PrincipalEntity.<PrincipalEntity>list("id in ?1", ids).stream()
        .collect(Collectors.toMap(p -> p.id, Function.identity()));
  }

  private static TokenInfo info(TokenEntity t, Map<UUID, PrincipalEntity> principals) {
    PrincipalEntity owner = principals.get(t.principalId);
    PrincipalEntity creator = t.createdBy == null ? null : principals.get(t.createdBy);
    return new TokenInfo(
        t.id,
        t.createdAt.toEpochMilli(),
        t.expiresAt == null ? -1L : t.expiresAt.toEpochMilli(),
        t.comment,
        t.principalId.toString(),
        owner == null ? null : owner.name,
        t.createdBy == null ? null : t.createdBy.toString(),
        creator == null ? null : creator.name,
        t.lastUsedAt == null ? null : t.lastUsedAt.toEpochMilli());
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("Query parameter 'created_by_id' must be a principal id.");
    }
  }
}
