package io.gatehouse.server.credentials;

import io.gatehouse.credentials.testing.CephTestServer;
import io.gatehouse.credentials.testing.SamlTestIdp;
import io.gatehouse.credentials.testing.WireRecorder;
import io.gatehouse.credentials.testing.WireRecorder.Answer;
import io.gatehouse.server.signin.SamlSignInIdp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * AWS STS's AssumeRoleWithSAML as far as the tests need it, on the recorder's real HTTP socket
 * (radosgw has no AssumeRoleWithSAML): it checks the form Gatehouse sends (unsigned, the role
 * asked for, the test identity provider's SAML provider, the very response the identity
 * provider posted to Gatehouse's sign-in) and answers with real radosgw credentials, obtained by
 * an AssumeRole of that role by another identity than Gatehouse's with the session policy
 * Gatehouse asked for. Anything else is answered as STS answers a bad assertion.
 */
final class SignInStsEndpoint {
  /** The sessions this endpoint handed out, as a test may try them itself. */
  final List<Credentials> issued = new CopyOnWriteArrayList<>();
  /** Why requests were refused, for the test's assertions. */
  final List<String> refusals = new CopyOnWriteArrayList<>();
  /** When set, the expiry reported instead of radosgw's (short sessions). */
  volatile Instant expiration;
  /** When set, run as each AssumeRoleWithSAML arrives, before it is answered. */
  volatile Runnable onCall;

  private final CephTestServer ceph;
  private final Set<String> roles;

  SignInStsEndpoint(CephTestServer ceph, Set<String> roles) {
    this.ceph = ceph;
    this.roles = roles;
  }

  void install(WireRecorder recorder) {
    recorder.answer(this::answer);
  }

  private Answer answer(WireRecorder.Recorded r) {
    Runnable hook = onCall;
    if (hook != null && "AssumeRoleWithSAML".equals(r.form().get("Action"))) {
      hook.run();
    }
    String problem = null;
    if (!"AssumeRoleWithSAML".equals(r.form().get("Action"))) {
      problem = "action " + r.form().get("Action");
    } else if (r.header("Authorization") != null) {
      problem = "signed";
    } else if (!roles.contains(r.form().get("RoleArn"))) {
      problem = "role " + r.form().get("RoleArn");
    } else if (!SamlTestIdp.PROVIDER_ARN.equals(r.form().get("PrincipalArn"))) {
      problem = "provider " + r.form().get("PrincipalArn");
    } else if (SamlSignInIdp.get().lastResponse == null || !SamlSignInIdp.get().lastResponse.equals(r.form().get("SAMLAssertion"))) {
      problem = "not the response the identity provider signed";
    }
    if (problem != null) {
      refusals.add(problem);
      return Answer.xml(400, WireRecorder.stsError("InvalidIdentityToken", problem));
    }
    try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(ceph.endpoint)
        .credentialsProvider(StaticCredentialsProvider.create(ceph.admin)).build()) {
      Credentials c = sts.assumeRole(b -> b.roleArn(r.form().get("RoleArn")).roleSessionName("saml-sign-in")
          .durationSeconds(Integer.parseInt(r.form().get("DurationSeconds"))).policy(r.form().get("Policy"))).credentials();
      issued.add(c);
      Instant expires = expiration == null ? c.expiration() : expiration;
      return Answer.xml(200, "<AssumeRoleWithSAMLResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
          + "<AssumeRoleWithSAMLResult><Credentials><AccessKeyId>" + c.accessKeyId() + "</AccessKeyId>"
          + "<SecretAccessKey>" + c.secretAccessKey() + "</SecretAccessKey><SessionToken>" + c.sessionToken()
          + "</SessionToken><Expiration>" + expires + "</Expiration></Credentials>"
          + "<AssumedRoleUser><Arn>arn:aws:sts:::assumed-role/saml/saml-sign-in</Arn><AssumedRoleId>AROASAML:saml-sign-in"
          + "</AssumedRoleId></AssumedRoleUser></AssumeRoleWithSAMLResult>"
          + "<ResponseMetadata><RequestId>sign-in</RequestId></ResponseMetadata></AssumeRoleWithSAMLResponse>");
    } catch (RuntimeException e) {
      refusals.add("radosgw: " + e.getMessage());
      return Answer.xml(403, WireRecorder.stsError("AccessDenied", "radosgw refused the role"));
    }
  }
}
