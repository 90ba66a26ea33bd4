package io.gatehouse.credentials;

/**
 * The seam around the Security Token Service: one method per STS action the vendor uses. {@link
 * AwsStsGateway} is the implementation against AWS STS or a compatible server (Ceph radosgw);
 * everything above it is independent of the SDK.
 *
 * <p>Failures are {@link StsCallException}s that say whether retrying can help.
 */
public interface StsGateway {
  IssuedCredentials assumeRole(StsCall.AssumeRole call);

  /**
   * AssumeRole signed with {@code as}, credentials of another role (role chaining): how a data
   * role is assumed through the meta instance profile.
   */
  default IssuedCredentials assumeRole(StsCall.AssumeRole call, IssuedCredentials as) {
    throw new UnsupportedOperationException("this STS gateway does not chain roles");
  }

  IssuedCredentials assumeRoleWithWebIdentity(StsCall.AssumeRoleWithWebIdentity call);

  IssuedCredentials assumeRoleWithSaml(StsCall.AssumeRoleWithSaml call);

  /** Dispatches on the kind of call. */
  default IssuedCredentials call(StsCall call) {
    if (call instanceof StsCall.AssumeRole a) {
      return assumeRole(a);
    }
    if (call instanceof StsCall.AssumeRoleWithWebIdentity w) {
      return assumeRoleWithWebIdentity(w);
    }
    return assumeRoleWithSaml((StsCall.AssumeRoleWithSaml) call);
  }
}
