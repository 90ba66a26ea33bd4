package io.gatehouse.server.credentials;

import io.gatehouse.credentials.testing.CephTestServer;
import io.gatehouse.credentials.testing.RadosgwIam;
import io.gatehouse.server.catalog.Api;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Roles made on the test radosgw through its IAM API (CreateRole, PutRolePolicy), as an AWS administrator makes them. */
public final class IamRoles {
  /** Gatehouse's own identity on the test radosgw (the %test profile's STS keys). */
  public static final String CATALOG_USER = "arn:aws:iam:::user/gatehouse-catalog";

  private IamRoles() {}

  /** A fresh role name: radosgw 16 takes letters, digits and '-' (no '_'). */
  public static String name(String prefix) {
    return Api.unique(prefix).replace('_', '-');
  }

  /**
   * A role named {@code name} that {@code trusted} principals may assume, with S3 read and list on
   * {@code bucket}/{@code prefix} only (empty prefix: nothing on S3, for a meta role: sts:AssumeRole).
   * Returns its ARN.
   */
  public static String role(CephTestServer ceph, String name, List<String> trusted, String bucket, String prefix) {
    RadosgwIam iam = new RadosgwIam(ceph, ceph.admin);
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
        + trusted.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]},\"Action\":[\"sts:AssumeRole\"]}]}";
    call(iam, Map.of("Action", "CreateRole", "RoleName", name, "Path", "/", "AssumeRolePolicyDocument", trust));
    String rights = prefix == null
        ? "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\"],\"Resource\":[\"*\"]}]}"
        : "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::" + bucket + "/" + prefix + "/*\"]},"
            + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\",\"s3:GetBucketLocation\"],\"Resource\":[\"arn:aws:s3:::" + bucket + "\"]}]}";
    call(iam, Map.of("Action", "PutRolePolicy", "RoleName", name, "PolicyName", "data", "PolicyDocument", rights));
    return "arn:aws:iam:::role/" + name;
  }

  private static void call(RadosgwIam iam, Map<String, String> form) {
    HttpResponse<String> response = iam.post(new LinkedHashMap<>(form));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(form.get("Action") + " answered " + response.statusCode() + ": " + response.body());
    }
  }
}
