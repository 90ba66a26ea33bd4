package io.gatehouse.server.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * An OIDC issuer's discovery document ({@code <issuer>/.well-known/openid-configuration}): its
 * authorization, token and JWKS endpoints. Fetched when first needed, kept an hour; a document
 * whose {@code issuer} is not the issuer asked about is refused (OpenID Connect Discovery 4.3), so
 * a wrong address cannot substitute another provider's endpoints. Plain Java.
 */
public final class OidcDiscovery {
  /** The endpoints of one issuer. */
  public record Metadata(String authorizationEndpoint, String tokenEndpoint, String jwksUri) {}

  /** The document could not be had or is not one for the issuer. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Cache<String, Metadata> DOCUMENTS = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1))
      .maximumSize(100).build();

  private OidcDiscovery() {}

  public static Metadata of(String issuer) {
    Metadata known = DOCUMENTS.getIfPresent(issuer);
    if (known != null) {
      return known;
    }
    Metadata fetched = fetch(issuer);
    DOCUMENTS.put(issuer, fetched);
    return fetched;
  }

  private static Metadata fetch(String issuer) {
    String url = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
    Map<String, Object> doc;
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new Unavailable("The issuer's discovery document " + url + " answered HTTP " + response.statusCode() + ".", null);
      }
      doc = JsonUtil.parseJson(response.body());
    } catch (IOException | JoseException | IllegalArgumentException e) {
      throw new Unavailable("The issuer's discovery document " + url + " could not be read.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("Interrupted while reading " + url + ".", e);
    }
    if (!issuer.equals(doc.get("issuer"))) {
      throw new Unavailable("The discovery document at " + url + " is not the issuer's own (its issuer differs).", null);
    }
    return new Metadata(text(doc, "authorization_endpoint"), text(doc, "token_endpoint"), text(doc, "jwks_uri"));
  }

  private static String text(Map<String, Object> doc, String field) {
    return doc.get(field) instanceof String s && !s.isBlank() ? s : null;
  }
}
