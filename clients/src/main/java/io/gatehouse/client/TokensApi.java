package io.gatehouse.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.client.model.CreatedToken;
import io.gatehouse.client.model.TokenInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The caller's personal access tokens: {@code /api/2.0/token/create}, {@code list}, {@code delete}. */
public final class TokensApi {
  static final String PATH = "/api/2.0/token";
  private final RestTransport rest;

  TokensApi(RestTransport rest) {
    this.rest = rest;
  }

  /** A new token for the caller; {@code lifetimeSeconds} null for one that does not expire. */
  public CreatedToken create(String comment, Long lifetimeSeconds) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (comment != null) {
      body.put("comment", comment);
    }
    if (lifetimeSeconds != null) {
      body.put("lifetime_seconds", lifetimeSeconds);
    }
    return rest.post(PATH + "/create", body, CreatedToken.class);
  }

  public List<TokenInfo> list() {
    List<TokenInfo> tokens = rest.get(PATH + "/list", null, Listing.class).tokenInfos();
    return tokens == null ? List.of() : tokens;
  }

  /** Revokes one of the caller's tokens at once. */
  public void revoke(String tokenId) {
    rest.post(PATH + "/delete", Map.of("token_id", tokenId), Map.class);
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Listing(List<TokenInfo> tokenInfos) {}
}
