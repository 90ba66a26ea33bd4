package io.gatehouse.server.credentials;

import io.gatehouse.credentials.testing.SamlTestIdp;
import io.gatehouse.credentials.testing.WebIdentityIssuer;
import io.gatehouse.credentials.testing.WireRecorder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * What the credential tests need besides radosgw, made once per test JVM and cheap enough to
 * come along for every Quarkus test: a SAML identity provider whose certificate the server
 * trusts, a recorder standing in for AWS STS's AssumeRoleWithSAML (radosgw has none), and an
 * OIDC issuer on loopback that both the server and radosgw trust. radosgw itself is started by
 * the tests that use it ({@code CephTestServer.get()}), not here, so other tests do not wait.
 */
public class CredentialTestServers implements QuarkusTestResourceLifecycleManager {
  public static final String WEB_IDENTITY_AUDIENCE = "gatehouse-tests";
  private static SamlTestIdp samlIdp;
  private static WireRecorder samlSts;

  public static synchronized SamlTestIdp samlIdp() {
    if (samlIdp == null) {
      samlIdp = new SamlTestIdp();
    }
    return samlIdp;
  }

  public static synchronized WireRecorder samlSts() {
    if (samlSts == null) {
      samlSts = new WireRecorder();
    }
    return samlSts;
  }

  @Override
  public Map<String, String> start() {
    WebIdentityIssuer issuer = WebIdentityIssuer.get();
    io.gatehouse.server.signin.SamlSignInIdp signIn = io.gatehouse.server.signin.SamlSignInIdp.get(samlIdp());
    return Map.ofEntries(
        Map.entry("gatehouse.auth.saml.idp-sso-url", signIn.ssoUrl()),
        Map.entry("gatehouse.auth.saml.idp-certificate", samlIdp().signing.pem()),
        Map.entry("gatehouse.auth.saml.sp-entity-id", io.gatehouse.server.signin.SamlSignInIdp.SP_ENTITY_ID),
        Map.entry("gatehouse.auth.saml.groups-attribute", "groups"),
        Map.entry("gatehouse.auth.saml.auto-create-users", "true"),
        Map.entry("gatehouse.auth.saml.auto-create-domains", io.gatehouse.server.signin.SamlSignInIdp.CREATED_DOMAIN),
        Map.entry("gatehouse.credentials.saml.idp-certificate", samlIdp().signing.pem()),
        Map.entry("gatehouse.credentials.sts.saml-endpoint", samlSts().uri().toString()),
        Map.entry("gatehouse.auth.oidc.webidentity.issuer", issuer.issuer),
        Map.entry("gatehouse.auth.oidc.webidentity.jwks-url", issuer.jwksUrl()),
        Map.entry("gatehouse.auth.oidc.webidentity.audience", WEB_IDENTITY_AUDIENCE),
        Map.entry("gatehouse.auth.oidc.webidentity.user-claim", "email"));
  }

  @Override
  public void stop() {
    // The servers live as long as the JVM: later Quarkus restarts in this JVM reuse them.
  }
}
