package io.gatehouse.server.credentials;

import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IAM ARNs of instance profiles and roles, read strictly: {@code
 * arn:<partition>:iam::<account>:instance-profile/<path/><name>} and {@code ...:role/<path/><name>},
 * with the account twelve digits, or empty as S3-compatible servers (Ceph radosgw) name the roles
 * of their default tenant. Nothing is normalised: another letter case, a trailing slash or another
 * partition is another ARN (or none).
 */
final class IamArns {
  private static final String PARTITION = "(aws(?:-[a-z]+){0,2})";
  private static final String ACCOUNT = "([0-9]{12}|)";
  private static final String PATH = "((?:[\\w+=,.@-]+/){0,32})";
  private static final Pattern INSTANCE_PROFILE =
      Pattern.compile("arn:" + PARTITION + ":iam::" + ACCOUNT + ":instance-profile/" + PATH + "([\\w+=,.@-]{1,128})");
  private static final Pattern ROLE =
      Pattern.compile("arn:" + PARTITION + ":iam::" + ACCOUNT + ":role/" + PATH + "([\\w+=,.@-]{1,64})");

  private IamArns() {}

  /** An ARN's parts: partition, account (may be empty), path (empty or ending in '/') and name. */
  record Arn(String partition, String account, String path, String name) {}

  static Arn instanceProfile(String field, String value) {
    return parse(field, value, INSTANCE_PROFILE, "an instance profile ARN such as arn:aws:iam::123456789012:instance-profile/name");
  }

  static Arn role(String field, String value) {
    return parse(field, value, ROLE, "an IAM role ARN such as arn:aws:iam::123456789012:role/name");
  }

  /**
   * The data role of an instance profile: {@code iamRoleArn} when given (same partition and
   * account as the profile), otherwise the role of the profile's path and name, as the platform
   * assumes when the names match.
   */
  static String dataRole(String instanceProfileArn, String iamRoleArn) {
    Arn profile = instanceProfile("instance_profile_arn", instanceProfileArn);
    if (iamRoleArn == null || iamRoleArn.isEmpty()) {
      String derived = "arn:" + profile.partition() + ":iam::" + profile.account() + ":role/" + profile.path() + profile.name();
      if (!ROLE.matcher(derived).matches()) {
        throw GatehouseException.invalid("Field 'iam_role_arn' is required: the instance profile's name is no role name"
            + " (at most 64 characters).");
      }
      return derived;
    }
    Arn role = role("iam_role_arn", iamRoleArn);
    if (!role.partition().equals(profile.partition()) || !role.account().equals(profile.account())) {
      throw GatehouseException.invalid("Field 'iam_role_arn' must be in the partition and account of the instance profile ("
          + profile.partition() + ", '" + profile.account() + "').");
    }
    return iamRoleArn;
  }

  private static Arn parse(String field, String value, Pattern pattern, String expected) {
    Validation.required(field, value, 2048);
    Matcher m = pattern.matcher(value);
    if (!m.matches()) {
      throw GatehouseException.invalid("Field '" + field + "' must be " + expected + " (got '"
          + Validation.printable(value) + "').");
    }
    return new Arn(m.group(1), m.group(2), m.group(3), m.group(4));
  }
}
