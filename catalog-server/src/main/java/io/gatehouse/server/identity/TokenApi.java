package io.gatehouse.server.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Wire shapes of the Databricks token and token-management APIs. */
public final class TokenApi {
  private TokenApi() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateToken(Long lifetimeSeconds, String comment) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  /** {@code workspace_id} (Gatehouse's): the workspace the token is for; the caller's own when left out. */
  public record CreateOboToken(String applicationId, Long lifetimeSeconds, String comment, Long workspaceId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record DeleteToken(String tokenId) {}

  /** expiry_time is -1 for a token that does not expire, as Databricks reports it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TokenInfo(
      String tokenId,
      Long creationTime,
      Long expiryTime,
      String comment,
      String ownerId,
      String ownerName,
      String createdById,
      String createdByUsername,
      Long lastUsedTime) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreatedToken(String tokenValue, TokenInfo tokenInfo) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TokenList(List<TokenInfo> tokenInfos) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record OneToken(TokenInfo tokenInfo) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateSecret(Long lifetimeSeconds) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SecretInfo(String id, String secret, String status, String createTime, String expireTime) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record SecretList(List<SecretInfo> secrets) {}
}
