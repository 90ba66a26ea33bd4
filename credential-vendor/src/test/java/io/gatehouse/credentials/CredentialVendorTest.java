package io.gatehouse.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.credentials.saml.SamlResponseValidator;
import io.gatehouse.credentials.saml.SamlValidationException;
import io.gatehouse.credentials.testing.SamlTestIdp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the vendor asks of STS for each mode. STS itself is behind the {@link StsGateway} seam
 * here; {@code RadosgwCredentialsTest} and {@code AwsStsGatewayWireTest} cover the real calls.
 */
class CredentialVendorTest {
  static final String ROLE = "arn:aws:iam::123456789012:role/data";
  static final String ANALYSTS = "arn:aws:iam::123456789012:role/analysts";
  static final SamlTestIdp IDP = new SamlTestIdp();
  static final StorageScope ORDERS = StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake/sales/orders"));
  static final Map<String, String> CONTEXT = Map.of("catalog", "main", "schema", "sales", "table", "orders");

  final List<StsCall> calls = new CopyOnWriteArrayList<>();
  /** Access key ids of the sessions that signed chained calls. */
  final List<String> signedWith = new CopyOnWriteArrayList<>();
  final StsGateway sts = new StsGateway() {
    @Override
    public IssuedCredentials assumeRole(StsCall.AssumeRole call) {
      return record(call);
    }

    @Override
    public IssuedCredentials assumeRole(StsCall.AssumeRole call, IssuedCredentials as) {
      signedWith.add(as.accessKeyId());
      return record(call);
    }

    @Override
    public IssuedCredentials assumeRoleWithWebIdentity(StsCall.AssumeRoleWithWebIdentity call) {
      return record(call);
    }

    @Override
    public IssuedCredentials assumeRoleWithSaml(StsCall.AssumeRoleWithSaml call) {
      return record(call);
    }
  };

  IssuedCredentials record(StsCall call) {
    calls.add(call);
    return new IssuedCredentials("ASIA" + calls.size(), "secret", "token", Instant.now().plus(call.duration()), null);
  }

  CredentialVendor vendor(CredentialVendor.Settings settings) {
    SamlResponseValidator saml = new SamlResponseValidator(new SamlResponseValidator.Settings(
        List.of(IDP.signing.certificate.getPublicKey()), SamlTestIdp.AWS_AUDIENCE, Optional.empty(), Duration.ofSeconds(30), 1000));
    return new CredentialVendor(sts, new CredentialCache(1000, RetryPolicy.DEFAULT),
        new GroupRoleMapping(Map.of("analysts", ANALYSTS)), saml, settings);
  }

  final CredentialVendor vendor = vendor(CredentialVendor.Settings.DEFAULT);

  @Test
  void aSignInsSessionIsOnlyChainedOntoItsRoleWithTheScopeAndNeverOutlivesIt() {
    Instant signInEnds = Instant.now().plus(Duration.ofMinutes(40));
    IssuedCredentials signIn = new IssuedCredentials("ASIASIGNIN", "s", "t", signInEnds, null);
    VendedCredentials vended = vendor.vend(new VendRequest("erin@example.com",
        new RoleSource.SignInSession(ROLE, signIn, "token-1"), ORDERS, CONTEXT, null));

    StsCall.AssumeRole chained = (StsCall.AssumeRole) calls.get(0);
    assertThat(signedWith).containsExactly("ASIASIGNIN");
    assertThat(chained.roleArn()).isEqualTo(ROLE);
    assertThat(chained.policy()).isEqualTo(SessionPolicy.of(ORDERS));
    assertThat(chained.sourceIdentity()).isNull();
    assertThat(chained.tags()).isEmpty();
    assertThat(chained.duration()).isBetween(Duration.ofMinutes(39), Duration.ofMinutes(40)); // what the sign-in has left
    assertThat(vended.credentials().accessKeyId()).isNotEqualTo("ASIASIGNIN");
    assertThat(vended.credentials().expiration()).isEqualTo(signInEnds); // STS gave more; the client learns the end

    // Cached per sign-in: another sign-in of the same user makes its own call with its own session.
    vendor.vend(new VendRequest("erin@example.com", new RoleSource.SignInSession(ROLE, signIn, "token-1"), ORDERS, CONTEXT, null));
    IssuedCredentials other = new IssuedCredentials("ASIAOTHER", "s", "t", Instant.now().plus(Duration.ofHours(3)), null);
    vendor.vend(new VendRequest("erin@example.com", new RoleSource.SignInSession(ROLE, other, "token-2"), ORDERS, CONTEXT, null));
    assertThat(signedWith).containsExactly("ASIASIGNIN", "ASIAOTHER");
    assertThat(calls.get(1).duration()).isEqualTo(Duration.ofHours(1)); // chained roles: one hour at most

    // Nearly over: STS's 15 minutes are asked, the end is still the sign-in's.
    IssuedCredentials ending = new IssuedCredentials("ASIAENDING", "s", "t", Instant.now().plusSeconds(60), null);
    VendedCredentials last = vendor.vend(new VendRequest("erin@example.com",
        new RoleSource.SignInSession(ROLE, ending, "token-3"), ORDERS, CONTEXT, null));
    assertThat(calls.get(2).duration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(last.credentials().expiration()).isEqualTo(ending.expiration());

    // The exchange at sign-in asks for a session that may only assume its role again.
    vendor.exchangeSignIn(ROLE, SamlTestIdp.PROVIDER_ARN, "response", Duration.ofMinutes(5));
    StsCall.AssumeRoleWithSaml exchange = (StsCall.AssumeRoleWithSaml) calls.get(3);
    assertThat(exchange.policy()).isEqualTo(SessionPolicy.chainOnly(ROLE)).contains("sts:AssumeRole").doesNotContain("s3:");
    assertThat(exchange.duration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(exchange.toString()).doesNotContain("response");
  }

  @Test
  void scimRolesAreAssumedThroughTheMetaRoleWhoseSessionIsSharedAndScopedToAssumeRole() {
    String meta = "arn:aws:iam::123456789012:role/meta";
    vendor.vend(new VendRequest("alice@example.com", new RoleSource.ScimRole(ANALYSTS, meta), ORDERS, CONTEXT, null));
    vendor.vend(new VendRequest("bob@example.com", new RoleSource.ScimRole(ANALYSTS, meta), ORDERS, CONTEXT, null));

    assertThat(calls).extracting(StsCall::roleArn).containsExactly(meta, ANALYSTS, ANALYSTS);
    StsCall.AssumeRole metaCall = (StsCall.AssumeRole) calls.get(0);
    assertThat(metaCall.policy()).isEqualTo(CredentialVendor.META_POLICY).contains("sts:AssumeRole").doesNotContain("s3:");
    assertThat(signedWith).containsExactly("ASIA1", "ASIA1");
    StsCall.AssumeRole data = (StsCall.AssumeRole) calls.get(1);
    assertThat(data.policy()).isEqualTo(SessionPolicy.of(ORDERS));
    assertThat(data.externalId()).isNull();
    assertThat(data.sessionName()).isEqualTo("alice@example.com");
    assertThat(data.duration()).isEqualTo(Duration.ofHours(1)); // a chained session lasts an hour at most
  }

  @Test
  void verifyingARoleAssumesItWithASessionPolicyThatDeniesEverything() {
    vendor.verifyAssumable(ANALYSTS, null);
    assertThat(((StsCall.AssumeRole) calls.get(0)).policy()).isEqualTo(SessionPolicy.DENY_ALL);
    assertThat(signedWith).isEmpty();
  }

  @Test
  void catalogRoleCallCarriesThePrincipalTheExternalIdTagsAndTheScopedPolicy() {
    VendedCredentials vended = vendor.vend(new VendRequest("alice@example.com",
        new RoleSource.CatalogRole(ROLE, "ext-1"), ORDERS, CONTEXT, null));
    StsCall.AssumeRole call = (StsCall.AssumeRole) calls.get(0);
    assertThat(call.roleArn()).isEqualTo(ROLE);
    assertThat(call.sessionName()).isEqualTo("alice@example.com");
    assertThat(call.sourceIdentity()).isEqualTo("alice@example.com");
    assertThat(call.externalId()).isEqualTo("ext-1");
    assertThat(call.duration()).isEqualTo(Duration.ofHours(1));
    assertThat(call.policy()).isEqualTo(SessionPolicy.of(ORDERS));
    assertThat(call.tags()).containsOnly(
        Map.entry("gatehouse:principal", "alice@example.com"), Map.entry("gatehouse:catalog", "main"),
        Map.entry("gatehouse:schema", "sales"), Map.entry("gatehouse:table", "orders"));
    assertThat(vended.roleArn()).isEqualTo(ROLE);
    assertThat(vended.sessionName()).isEqualTo("alice@example.com");
    assertThat(vended.cached()).isFalse();
  }

  @Test
  void sessionNamesAndTagsOfUnusualPrincipalsAreMadeValid() {
    vendor.vend(new VendRequest("Ünïcode user (ops)#1", new RoleSource.CatalogRole(ROLE, null), ORDERS,
        Map.of("table", "we\"ird*name"), null));
    StsCall.AssumeRole call = (StsCall.AssumeRole) calls.get(0);
    assertThat(call.sessionName()).matches("[\\w+=,.@-]{2,64}");
    assertThat(call.sourceIdentity()).matches("[\\w+=,.@-]{2,64}");
    assertThat(call.tags().get("gatehouse:table")).isEqualTo("we_ird_name");
    assertThat(call.tags().get("gatehouse:principal")).isEqualTo("Ünïcode user _ops__1");
  }

  @Test
  void perPrincipalSessionsAreCachedPerPrincipal() {
    vendor.vend(new VendRequest("alice@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS, CONTEXT, null));
    vendor.vend(new VendRequest("bob@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS, CONTEXT, null));
    VendedCredentials again =
        vendor.vend(new VendRequest("alice@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS, CONTEXT, null));
    assertThat(calls).hasSize(2);
    assertThat(again.cached()).isTrue();
    assertThat(again.credentials().accessKeyId()).isEqualTo("ASIA1");
  }

  @Test
  void sharedSessionsServeEveryPrincipalFromOneCall() {
    CredentialVendor shared = vendor(new CredentialVendor.Settings(Duration.ofHours(1), false, true, true));
    shared.vend(new VendRequest("alice@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS, CONTEXT, null));
    VendedCredentials bob =
        shared.vend(new VendRequest("bob@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS, CONTEXT, null));
    assertThat(calls).hasSize(1);
    assertThat(bob.cached()).isTrue();
    StsCall.AssumeRole call = (StsCall.AssumeRole) calls.get(0);
    assertThat(call.sessionName()).isEqualTo("gatehouse");
    assertThat(call.sourceIdentity()).isNull();
    assertThat(call.tags()).doesNotContainKey("gatehouse:principal").containsKey("gatehouse:table");
  }

  @Test
  void readAndReadWriteAreDifferentEntries() {
    StorageScope write = new StorageScope(ORDERS.locations(), AccessLevel.READ_WRITE);
    vendor.vend(new VendRequest("alice@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS, CONTEXT, null));
    vendor.vend(new VendRequest("alice@example.com", new RoleSource.CatalogRole(ROLE, null), write, CONTEXT, null));
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).policy()).contains("s3:PutObject");
  }

  @Test
  void scimPassthroughAssumesTheRoleOfThePrincipalsGroup() {
    VendedCredentials vended = vendor.vend(new VendRequest("carol@example.com",
        new RoleSource.ScimGroups(Set.of("Analysts", "account users"), ROLE, null), ORDERS, CONTEXT, null));
    assertThat(calls.get(0)).isInstanceOfSatisfying(StsCall.AssumeRole.class, c -> assertThat(c.roleArn()).isEqualTo(ANALYSTS));
    assertThat(vended.roleArn()).isEqualTo(ANALYSTS);
  }

  @Test
  void scimPassthroughWithoutMappedGroupMakesNoCall() {
    assertThatThrownBy(() -> vendor.vend(new VendRequest("dave@example.com",
        new RoleSource.ScimGroups(Set.of("account users"), ROLE, null), ORDERS, CONTEXT, null)))
        .isInstanceOf(CredentialRequestException.class);
    assertThat(calls).isEmpty();
  }

  @Test
  void oidcPassthroughSendsTheTokenAndIsCachedPerPrincipalEvenWhenSessionsAreShared() {
    CredentialVendor shared = vendor(new CredentialVendor.Settings(Duration.ofHours(1), false, true, true));
    shared.vend(new VendRequest("alice@example.com", new RoleSource.WebIdentity(ROLE, "jwt-of-alice"), ORDERS, CONTEXT, null));
    shared.vend(new VendRequest("bob@example.com", new RoleSource.WebIdentity(ROLE, "jwt-of-bob"), ORDERS, CONTEXT, null));
    assertThat(calls).hasSize(2).allSatisfy(c -> assertThat(c).isInstanceOf(StsCall.AssumeRoleWithWebIdentity.class));
    StsCall.AssumeRoleWithWebIdentity call = (StsCall.AssumeRoleWithWebIdentity) calls.get(0);
    assertThat(call.webIdentityToken()).isEqualTo("jwt-of-alice");
    assertThat(call.sessionName()).isEqualTo("alice@example.com");
    assertThat(call.policy()).isEqualTo(SessionPolicy.of(ORDERS));
    assertThat(call.toString()).doesNotContain("jwt-of-alice");
  }

  @Test
  void samlPassthroughValidatesAndAssumesTheRoleOfTheAssertion() {
    String response = IDP.response("erin@example.com").role(ANALYSTS).role(ROLE).sessionName("erin").base64();
    VendedCredentials vended =
        vendor.vend(new VendRequest("erin@example.com", new RoleSource.Saml(response, ROLE), ORDERS, CONTEXT, null));
    StsCall.AssumeRoleWithSaml call = (StsCall.AssumeRoleWithSaml) calls.get(0);
    assertThat(call.roleArn()).isEqualTo(ROLE);
    assertThat(call.principalArn()).isEqualTo(SamlTestIdp.PROVIDER_ARN);
    assertThat(call.samlAssertion()).isEqualTo(response);
    assertThat(call.policy()).isEqualTo(SessionPolicy.of(ORDERS));
    assertThat(vended.sessionName()).isEqualTo("erin");
  }

  @Test
  void samlAssertionOfAnotherSubjectMakesNoCall() {
    String response = IDP.response("frank@example.com").role(ROLE).base64();
    assertThatThrownBy(() -> vendor.vend(new VendRequest("mallory@example.com", new RoleSource.Saml(response, ROLE), ORDERS, CONTEXT, null)))
        .hasMessageContaining("subject is not the caller");
    assertThat(calls).isEmpty();
  }

  @Test
  void invalidSamlResponseMakesNoCall() {
    String response = IDP.response("grace@example.com").role(ROLE).audience("https://elsewhere").base64();
    assertThatThrownBy(() -> vendor.vend(new VendRequest("grace@example.com", new RoleSource.Saml(response, ROLE), ORDERS, CONTEXT, null)))
        .isInstanceOf(SamlValidationException.class);
    assertThat(calls).isEmpty();
  }

  @Test
  void durationDefaultsToAnHourAndStaysWithinStsBounds() {
    vendor.vend(new VendRequest("a@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS, CONTEXT, Duration.ofMinutes(1)));
    vendor.vend(new VendRequest("b@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS, CONTEXT, Duration.ofDays(2)));
    assertThat(calls).extracting(StsCall::duration).containsExactly(Duration.ofMinutes(15), Duration.ofHours(12));
  }

  @Test
  void emptyScopeAsksForDenyAllNeverTheRolesFullRights() {
    vendor.vend(new VendRequest("a@example.com", new RoleSource.CatalogRole(ROLE, null), StorageScope.nothing(AccessLevel.READ), CONTEXT, null));
    assertThat(calls.get(0).policy()).isEqualTo(SessionPolicy.DENY_ALL);
  }

  @Test
  void aKeyedScopeAssumesWithThatKeyInItsPolicyAndIsCachedApartFromTheSameLocationWithoutIt() {
    String key = "arn:aws:kms:eu-west-1:123456789012:key/1f2e3d4c-0000-4000-8000-000000000001";
    vendor.vend(new VendRequest("alice@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS.withKmsKey(key), CONTEXT, null));
    vendor.vend(new VendRequest("alice@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS, CONTEXT, null));
    vendor.vend(new VendRequest("alice@example.com", new RoleSource.CatalogRole(ROLE, null), ORDERS.withKmsKey(key), CONTEXT, null));
    assertThat(calls).hasSize(2);
    assertThat(((StsCall.AssumeRole) calls.get(0)).policy()).contains("\"Resource\":[\"" + key + "\"]").contains("kms:Decrypt");
    assertThat(((StsCall.AssumeRole) calls.get(1)).policy()).doesNotContain("kms:");
  }
}
