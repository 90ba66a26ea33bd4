package io.gatehouse.credentials;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inline session policy of an AssumeRole call: the least that a {@link StorageScope} needs.
 * The credentials STS returns can do what both the role's own policies and this policy allow,
 * so this policy is what narrows a broad data role down to one table's prefix.
 *
 * <ul>
 *   <li>READ: {@code s3:GetObject} and {@code s3:GetObjectVersion} on {@code bucket/prefix/*};
 *       {@code s3:ListBucket} on the bucket with an {@code s3:prefix} condition of
 *       {@code prefix/} and {@code prefix/*} (not the bare prefix, which would also list the keys
 *       of a sibling sharing the name's start);
 *       {@code s3:GetBucketLocation} on the bucket.
 *   <li>READ_WRITE adds {@code s3:PutObject}, {@code s3:DeleteObject} and the multipart actions.
 *   <li>Objects encrypted with customer-managed KMS keys (SSE-KMS): {@code kms:Decrypt} on those
 *       keys alone, and for READ_WRITE {@code kms:GenerateDataKey} (S3 asks for a data key per
 *       object written, and decrypts it again for multipart uploads), only through S3
 *       ({@code kms:ViaService}); no KMS statement at all when no key is named.
 *   <li>An empty scope is an explicit Deny of every action on every resource: never the role's
 *       full rights, which an absent session policy would mean.
 * </ul>
 *
 * <p>IAM reads {@code *}, {@code ?} and {@code $} in resources and condition values as wildcards
 * and variables; in bucket and key names they are escaped ({@code ${*}}, {@code ${?}}, {@code
 * ${$}}) so that a key named {@code a*} grants {@code a*} and not everything starting with
 * {@code a}. The JSON has no whitespace: it counts against STS's packed size limit, and radosgw
 * refuses a policy with spaces or newlines.
 */
public final class SessionPolicy {
  static final String DENY_ALL =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoLocation\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

  private static final List<String> READ_OBJECT = List.of("s3:GetObject", "s3:GetObjectVersion");
  private static final List<String> WRITE_OBJECT =
      List.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");

  private SessionPolicy() {}

  /**
   * The policy of a sign-in's session: it may only assume {@code roleArn} again (and so only
   * reaches data through a chained session with a request's scope), nothing on S3 itself.
   */
  public static String chainOnly(String roleArn) {
    StringBuilder out = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ChainOnly\",\"Effect\":\"Allow\","
        + "\"Action\":\"sts:AssumeRole\",\"Resource\":");
    Json.string(roleArn, out);
    return out.append("}]}").toString();
  }

  /** The policy for {@code scope} in the {@code aws} partition. */
  public static String of(StorageScope scope) {
    return of(scope, "aws");
  }

  /** The policy for {@code scope}, with S3 ARNs in {@code partition} (aws, aws-cn, aws-us-gov). */
  public static String of(StorageScope scope, String partition) {
    if (scope.isEmpty()) {
      return DENY_ALL;
    }
    String s3 = "arn:" + partition + ":s3:::";
    Map<String, List<S3Location>> byBucket = new LinkedHashMap<>();
    for (S3Location location : scope.locations()) {
      byBucket.computeIfAbsent(location.bucket(), b -> new ArrayList<>()).add(location);
    }

    Json.Array statements = new Json.Array();
    List<String> objectActions = new ArrayList<>(READ_OBJECT);
    if (scope.access() == AccessLevel.READ_WRITE) {
      objectActions.addAll(WRITE_OBJECT);
    }
    Json.Array objects = new Json.Array();
    for (S3Location location : scope.locations()) {
      String keys = location.prefix().isEmpty() ? "*" : escape(location.prefix()) + "/*";
      objects.add(s3 + escape(location.bucket()) + "/" + keys);
    }
    statements.add(statement("Objects", objectActions, objects, null));

    int listStatements = 0;
    for (Map.Entry<String, List<S3Location>> bucket : byBucket.entrySet()) {
      String bucketArn = s3 + escape(bucket.getKey());
      boolean wholeBucket = bucket.getValue().stream().anyMatch(l -> l.prefix().isEmpty());
      Json.Object condition = null;
      if (!wholeBucket) {
        Json.Array prefixes = new Json.Array();
        for (S3Location location : bucket.getValue()) {
          // Never the bare prefix: "orders" would list the keys of the sibling "orders_archive".
          prefixes.add(escape(location.prefix()) + "/");
          prefixes.add(escape(location.prefix()) + "/*");
        }
        condition = new Json.Object().put("StringLike", new Json.Object().put("s3:prefix", prefixes));
      }
      statements.add(statement("List" + listStatements++, List.of("s3:ListBucket"),
          new Json.Array().add(bucketArn), condition));
    }

    List<String> bucketActions = new ArrayList<>(List.of("s3:GetBucketLocation"));
    if (scope.access() == AccessLevel.READ_WRITE) {
      bucketActions.add("s3:ListBucketMultipartUploads");
    }
    Json.Array buckets = new Json.Array();
    byBucket.keySet().forEach(b -> buckets.add(s3 + escape(b)));
    statements.add(statement("Buckets", bucketActions, buckets, null));

    if (!scope.kmsKeys().isEmpty()) {
      List<String> keyActions = new ArrayList<>(List.of("kms:Decrypt"));
      if (scope.access() == AccessLevel.READ_WRITE) {
        keyActions.add("kms:GenerateDataKey");
      }
      Json.Array keys = new Json.Array();
      scope.kmsKeys().forEach(keys::add);
      statements.add(statement("Keys", keyActions, keys,
          new Json.Object().put("StringLike", new Json.Object().put("kms:ViaService", "s3.*.amazonaws.com"))));
    }

    return new Json.Object().put("Version", "2012-10-17").put("Statement", statements).toString();
  }

  /**
   * {@code name} with IAM's wildcard and variable characters made literal. {@code $} first, so
   * that the {@code $} of the escapes added for {@code *} and {@code ?} is not escaped again.
   */
  public static String escape(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '$' -> out.append("${$}");
        case '*' -> out.append("${*}");
        case '?' -> out.append("${?}");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static Json.Object statement(String sid, List<String> actions, Json.Array resources, Json.Object condition) {
    Json.Array actionArray = new Json.Array();
    actions.forEach(actionArray::add);
    Json.Object statement = new Json.Object()
        .put("Sid", sid)
        .put("Effect", "Allow")
        .put("Action", actionArray)
        .put("Resource", resources);
    if (condition != null) {
      statement.put("Condition", condition);
    }
    return statement;
  }
}
