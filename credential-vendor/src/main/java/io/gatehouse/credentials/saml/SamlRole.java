package io.gatehouse.credentials.saml;

/**
 * One value of the assertion's {@code https://aws.amazon.com/SAML/Attributes/Role} attribute: the
 * role to assume and the SAML provider (identity provider registered in IAM) that vouches for it.
 */
public record SamlRole(String roleArn, String providerArn) {
  /** Reads {@code roleArn,providerArn}, in either order, as AWS does. */
  public static SamlRole parse(String value) {
    String[] parts = value.split(",");
    if (parts.length != 2) {
      throw new SamlValidationException("a Role attribute value is not a 'role ARN,provider ARN' pair");
    }
    String a = parts[0].trim();
    String b = parts[1].trim();
    if (isRole(a) && isProvider(b)) {
      return new SamlRole(a, b);
    }
    if (isRole(b) && isProvider(a)) {
      return new SamlRole(b, a);
    }
    throw new SamlValidationException("a Role attribute value does not pair an IAM role ARN with a SAML provider ARN");
  }

  private static boolean isRole(String arn) {
    return arn.startsWith("arn:") && arn.contains(":role/");
  }

  private static boolean isProvider(String arn) {
    return arn.startsWith("arn:") && arn.contains(":saml-provider/");
  }
}
