package io.gatehouse.credentials.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.credentials.testing.SamlTestIdp;
import io.gatehouse.credentials.testing.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SamlResponseValidatorTest {
  static final SamlTestIdp IDP = new SamlTestIdp();
  static final String ROLE = "arn:aws:iam::123456789012:role/data-readers";

  final SamlResponseValidator validator = validator(Optional.empty());

  static SamlResponseValidator validator(Optional<String> issuer) {
    return new SamlResponseValidator(new SamlResponseValidator.Settings(
        SamlResponseValidator.keysFromPem(IDP.signing.pem()), SamlResponseValidator.AWS_AUDIENCE, issuer,
        Duration.ofSeconds(30), 10_000));
  }

  @Test
  void signedAssertionYieldsSubjectRolesAndSessionName() {
    SamlTestIdp.Response response = IDP.response("alice@example.com").role(ROLE);
    SamlAssertion assertion = validator.validate(response.base64());
    assertThat(assertion.subject()).isEqualTo("alice@example.com");
    assertThat(assertion.id()).isEqualTo(response.assertionId());
    assertThat(assertion.issuer()).isEqualTo(SamlTestIdp.ISSUER);
    assertThat(assertion.roles()).containsExactly(new SamlRole(ROLE, SamlTestIdp.PROVIDER_ARN));
    assertThat(assertion.roleSessionName()).isEqualTo("alice@example.com");
    assertThat(assertion.notOnOrAfter()).isAfter(Instant.now());
  }

  @Test
  void responseSignedAsAWholeIsAccepted() {
    assertThat(validator.validate(IDP.response("bob@example.com").role(ROLE).signResponseOnly().base64()).subject())
        .isEqualTo("bob@example.com");
  }

  @Test
  void roleValueIsReadInEitherOrder() {
    SamlAssertion assertion = validator.validate(IDP.response("carol@example.com")
        .roleValue(SamlTestIdp.PROVIDER_ARN + ", " + ROLE).role("arn:aws:iam::123456789012:role/other").base64());
    assertThat(assertion.roles()).extracting(SamlRole::roleArn)
        .containsExactly(ROLE, "arn:aws:iam::123456789012:role/other");
  }

  @Test
  void malformedRoleValueIsRefused() {
    assertRefused(IDP.response("dave@example.com").roleValue(ROLE).base64(), "Role attribute");
  }

  @Test
  void tamperedSubjectIsRefused() {
    String forged = IDP.response("mallory@example.com").role(ROLE)
        .tamper(xml -> xml.replace(">mallory@example.com<", ">admin@example.com<")).base64();
    assertRefused(forged, "does not verify");
  }

  @Test
  void tamperedRoleIsRefused() {
    String forged = IDP.response("mallory@example.com").role(ROLE)
        .tamper(xml -> xml.replace("role/data-readers", "role/data-admins")).base64();
    assertRefused(forged, "does not verify");
  }

  @Test
  void extendedValidityIsRefused() {
    SamlTestIdp.Response response = IDP.response("mallory@example.com").role(ROLE);
    String forged = response.tamper(xml -> xml.replaceAll("NotOnOrAfter=\"[^\"]+\"", "NotOnOrAfter=\"2099-01-01T00:00:00Z\"")).base64();
    assertRefused(forged, "does not verify");
  }

  @Test
  void expiredAssertionIsRefused() {
    assertRefused(IDP.response("erin@example.com").role(ROLE).expiredAgo(Duration.ofMinutes(2)).base64(), "expired");
  }

  @Test
  void assertionExpiredWithinTheClockSkewIsAccepted() {
    String response = IDP.response("erin@example.com").role(ROLE)
        .validFor(Instant.now().minusSeconds(600), Instant.now().minusSeconds(10)).base64();
    assertThat(validator.validate(response).subject()).isEqualTo("erin@example.com");
  }

  @Test
  void assertionNotYetValidIsRefused() {
    assertRefused(IDP.response("frank@example.com").role(ROLE)
        .validFor(Instant.now().plusSeconds(300), Instant.now().plusSeconds(900)).base64(), "not valid yet");
  }

  @Test
  void replayedAssertionIsRefused() {
    String response = IDP.response("grace@example.com").role(ROLE).base64();
    validator.validate(response);
    assertRefused(response, "replay");
  }

  @Test
  void refusedAssertionDoesNotUseUpItsId() {
    SamlTestIdp.Response genuine = IDP.response("heidi@example.com").role(ROLE);
    String forged = IDP.response("heidi@example.com").role(ROLE).assertionId(genuine.assertionId())
        .tamper(xml -> xml.replace("role/data-readers", "role/data-admins")).base64();
    assertRefused(forged, "does not verify");
    assertThat(validator.validate(genuine.base64()).id()).isEqualTo(genuine.assertionId());
  }

  @Test
  void wrongAudienceIsRefused() {
    assertRefused(IDP.response("ivan@example.com").role(ROLE).audience("https://another.example.com").base64(), "audience");
  }

  @Test
  void signatureByAnotherKeyIsRefused() {
    SelfSignedCertificate stranger = SelfSignedCertificate.generate("stranger");
    assertRefused(IDP.response("judy@example.com").role(ROLE).signedWith(stranger.keys.getPrivate()).base64(), "does not verify");
  }

  @Test
  void unsignedResponseIsRefused() {
    assertRefused(IDP.response("ken@example.com").role(ROLE).unsigned().base64(), "not signed");
  }

  @Test
  void sha1SignatureIsRefused() {
    assertRefused(IDP.response("leo@example.com").role(ROLE).sha1().base64(), "SHA-2");
  }

  @Test
  void unsignedAssertionBesideASignedOneIsRefused() {
    // Signature wrapping: the signed assertion stays (so its signature verifies) and a forged one is added.
    String forged = IDP.response("mallory@example.com").role(ROLE).tamper(xml -> {
      int start = xml.indexOf("<saml:Assertion");
      int end = xml.indexOf("</saml:Assertion>") + "</saml:Assertion>".length();
      String evil = xml.substring(start, end).replaceAll("<ds:Signature.*</ds:Signature>", "")
          .replace("mallory@example.com", "admin@example.com").replaceFirst("ID=\"[^\"]+\"", "ID=\"_evil\"");
      return xml.substring(0, start) + evil + xml.substring(start);
    }).base64();
    assertRefused(forged, "exactly one assertion");
  }

  @Test
  void signedAssertionMovedAsideForAForgedOneIsRefused() {
    // The signed assertion is hidden in the Status element; a forged assertion takes its place.
    String forged = IDP.response("mallory@example.com").role(ROLE).tamper(xml -> {
      int start = xml.indexOf("<saml:Assertion");
      int end = xml.indexOf("</saml:Assertion>") + "</saml:Assertion>".length();
      String signed = xml.substring(start, end);
      String evil = signed.replaceAll("<ds:Signature.*</ds:Signature>", "").replace("mallory@example.com", "admin@example.com");
      String rest = xml.substring(0, start) + evil + xml.substring(end);
      return rest.replace("</samlp:Status>", signed + "</samlp:Status>");
    }).base64();
    assertThatThrownBy(() -> validator.validate(forged)).isInstanceOf(SamlValidationException.class);
  }

  @Test
  void doctypeIsRefused() {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">&x;</samlp:Response>";
    assertRefused(Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)), "DOCTYPE");
  }

  @Test
  void garbageIsRefused() {
    assertRefused("not base64 at all!", "base64");
    assertRefused(Base64.getEncoder().encodeToString("<a>".getBytes(StandardCharsets.UTF_8)), "well-formed");
    assertRefused(Base64.getEncoder().encodeToString("<a/>".getBytes(StandardCharsets.UTF_8)), "not a SAML 2.0 Response");
  }

  @Test
  void configuredIssuerIsEnforced() {
    SamlResponseValidator strict = validator(Optional.of("https://the-real-idp.example.com"));
    assertThatThrownBy(() -> strict.validate(IDP.response("nina@example.com").role(ROLE).base64()))
        .hasMessageContaining("issuer");
  }

  @Test
  void keysAreReadFromCertificateAndPublicKeyPem() {
    SelfSignedCertificate other = SelfSignedCertificate.generate("other");
    String publicKeyPem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(other.keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    assertThat(SamlResponseValidator.keysFromPem(IDP.signing.pem() + publicKeyPem))
        .containsExactly(IDP.signing.certificate.getPublicKey(), other.keys.getPublic());
    assertThatThrownBy(() -> SamlResponseValidator.keysFromPem("nothing")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusalNeverQuotesTheAssertion() {
    String response = IDP.response("oscar@example.com").role(ROLE).expiredAgo(Duration.ofMinutes(3)).base64();
    assertThatThrownBy(() -> validator.validate(response))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("oscar").doesNotContain(response.substring(0, 20)));
  }

  private void assertRefused(String response, String reason) {
    assertThatThrownBy(() -> validator.validate(response))
        .isInstanceOf(SamlValidationException.class)
        .hasMessageContaining(reason);
  }


  static final String ACS = "https://gatehouse.example.com/saml/acs";

  /** A sign-in's expectations: our ACS, and requests we made, each answerable once. */
  static SamlResponseValidator.Expected signIn(java.util.Set<String> outstanding) {
    return new SamlResponseValidator.Expected(ACS, outstanding::remove);
  }

  @Test
  void aSignInResponseMustBeAddressedToUsAndAnswerARequestOfOursOnce() {
    java.util.Set<String> outstanding = new java.util.HashSet<>(java.util.Set.of("_req1", "_req2", "_req3", "_req4", "_req5"));
    SamlAssertion assertion = validator.validate(IDP.response("alice@example.com").addressedTo(ACS).inResponseTo("_req1")
        .attribute("groups", "sales", " ", "ops").base64(), signIn(outstanding));
    assertThat(assertion.subject()).isEqualTo("alice@example.com");
    assertThat(assertion.attribute("groups")).containsExactly("sales", "ops");
    assertThat(outstanding).doesNotContain("_req1");

    // Answered already, never asked, unsolicited, or addressed elsewhere: refused.
    assertThatThrownBy(() -> validator.validate(IDP.response("alice@example.com").addressedTo(ACS).inResponseTo("_req1").base64(),
        signIn(outstanding))).hasMessageContaining("no sign-in request");
    assertThatThrownBy(() -> validator.validate(IDP.response("alice@example.com").addressedTo(ACS).inResponseTo("_other").base64(),
        signIn(outstanding))).hasMessageContaining("no sign-in request");
    assertThatThrownBy(() -> validator.validate(IDP.response("alice@example.com").addressedTo(ACS).base64(), signIn(outstanding)))
        .hasMessageContaining("no sign-in request");
    assertThatThrownBy(() -> validator.validate(IDP.response("alice@example.com").inResponseTo("_req2").base64(), signIn(outstanding)))
        .hasMessageContaining("Destination");
    assertThatThrownBy(() -> validator.validate(IDP.response("alice@example.com").addressedTo(ACS).recipient(ACS + "/")
        .inResponseTo("_req3").base64(), signIn(outstanding))).hasMessageContaining("Recipient");
    assertThatThrownBy(() -> validator.validate(IDP.response("alice@example.com").addressedTo(ACS.toUpperCase()).inResponseTo("_req4")
        .base64(), signIn(outstanding))).hasMessageContaining("Destination");
    // A request is consumed only by a response that passed every other check.
    assertThat(outstanding).contains("_req2", "_req3", "_req4");
    // The InResponseTo of the response and of the confirmation must agree.
    assertThatThrownBy(() -> validator.validate(IDP.response("alice@example.com").addressedTo(ACS).inResponseTo("_req5")
        .tamper(xml -> xml.replaceFirst("InResponseTo=\"_req5\"", "InResponseTo=\"_req2\"")).base64(), signIn(outstanding)))
        .isInstanceOf(SamlValidationException.class);
  }
}
