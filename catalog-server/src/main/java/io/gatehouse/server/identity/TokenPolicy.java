package io.gatehouse.server.identity;

import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The workspace's rules for personal access tokens: whether they may be created and used at all
 * ({@code enableTokensConfig}), for how long a new one lives at most ({@code
 * maxTokenLifetimeDays}), who may create and use them (CAN_USE, {@link TokenPermissionsResource})
 * and how many one principal may hold ({@code gatehouse.auth.max-tokens-per-user}). Metastore
 * admins always may, so that no setting locks the administrators out. Decided in memory, from
 * {@link WorkspaceSettings}.
 */
@ApplicationScoped
public class TokenPolicy implements WorkspaceConfKeys {
  public static final String ENABLE_TOKENS = "enableTokensConfig";
  public static final String MAX_LIFETIME_DAYS = "maxTokenLifetimeDays";
  /** Not a Databricks key: overrides {@code gatehouse.auth.max-tokens-per-user} for the workspace. */
  public static final String MAX_TOKENS_PER_USER = "maxTokensPerUser";
  private static final int MOST_TOKENS_PER_USER = 100_000;
  static final long MAX_LIFETIME_DAYS_LIMIT = TokenService.MAX_LIFETIME_SECONDS / 86_400;

  private final WorkspaceSettings settings;
  private final BootstrapConfig bootstrap;
  private final int configuredTokensPerUser;

  TokenPolicy(WorkspaceSettings settings, BootstrapConfig bootstrap, AuthConfig config) {
    this.settings = settings;
    this.bootstrap = bootstrap;
    this.configuredTokensPerUser = config.maxTokensPerUser();
  }

  @Override
  public Set<String> keys() {
    return Set.of(ENABLE_TOKENS, MAX_LIFETIME_DAYS, MAX_TOKENS_PER_USER);
  }

  @Override
  public void validate(String key, String value) {
    if (ENABLE_TOKENS.equals(key)) {
      if (!value.equals("true") && !value.equals("false")) {
        throw GatehouseException.invalid("Setting '" + ENABLE_TOKENS + "' must be \"true\" or \"false\".");
      }
    } else if (MAX_TOKENS_PER_USER.equals(key)) {
      if (!value.isEmpty() && (value.length() > 6 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MOST_TOKENS_PER_USER)) {
        throw GatehouseException.invalid("Setting '" + MAX_TOKENS_PER_USER + "' must be a number from 1 to "
            + MOST_TOKENS_PER_USER + " as a string, or \"\" for the configured limit.");
      }
    } else if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9') || value.length() > 4
        || Long.parseLong(value) > MAX_LIFETIME_DAYS_LIMIT) {
      throw GatehouseException.invalid("Setting '" + MAX_LIFETIME_DAYS + "' must be a number of days from 0 (no limit) to "
          + MAX_LIFETIME_DAYS_LIMIT + ", as a string.");
    }
  }

  public boolean tokensEnabled(long workspace) {
    return settings.flag(workspace, ENABLE_TOKENS, true);
  }

  /** The most personal access tokens a principal other than an admin may hold in {@code workspace}. */
  public int maxTokensPerUser(long workspace) {
    String value = settings.conf(workspace, MAX_TOKENS_PER_USER);
    return value == null || value.isEmpty() ? configuredTokensPerUser : Integer.parseInt(value);
  }

  /** The longest lifetime of a new token in seconds, or 0 for no limit beyond two years. */
  public long maxLifetimeSeconds(long workspace) {
    String days = settings.conf(workspace, MAX_LIFETIME_DAYS);
    return days == null || days.isEmpty() ? 0 : Long.parseLong(days) * 86_400;
  }

  /**
   * Why {@code principal}, a member of {@code groups} (loaded only when needed), may not create
   * or use a personal access token in {@code workspace}, or null when it may.
   */
  String refusal(long workspace, UUID principal, Supplier<Set<String>> groups) {
    WorkspaceSettings.TokenUsers users = settings.tokenUsers(workspace);
    boolean enabled = tokensEnabled(workspace);
    if (enabled && (users.everyone() || users.principals().contains(principal))) {
      return null;
    }
    Set<String> memberOf = groups.get();
    if (isAdmin(memberOf)) {
      return null;
    }
    if (!enabled) {
      return "Personal access tokens are disabled in this workspace.";
    }
    if (memberOf.stream().anyMatch(g -> users.groups().contains(g.toLowerCase(Locale.ROOT)))) {
      return null;
    }
    return "This principal has no permission to use personal access tokens (CAN_USE on authorization/tokens).";
  }

  boolean isAdmin(Set<String> groups) {
    return groups.stream().anyMatch(g -> g.equalsIgnoreCase(bootstrap.adminGroup()));
  }

  /** The lifetime a new token gets: the one asked for, held to the workspace's maximum. */
  Long lifetime(long workspace, Long askedSeconds) {
    long max = maxLifetimeSeconds(workspace);
    if (max == 0) {
      return askedSeconds;
    }
    if (askedSeconds == null) {
      return max;
    }
    if (askedSeconds > max) {
      throw GatehouseException.invalid("Field 'lifetime_seconds' exceeds the workspace's maximum token lifetime of "
          + (max / 86_400) + " days (" + max + " seconds).");
    }
    return askedSeconds;
  }

  static GatehouseException refused(String reason) {
    return new GatehouseException(ErrorCode.PERMISSION_DENIED, Validation.printable(reason));
  }
}
