package io.gatehouse.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionPolicyTest {

  @Test
  void readGivesGetObjectOnThePrefixListWithAPrefixConditionAndBucketLocation() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake/sales/orders")));
    assertThat(policy).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Sid\":\"Objects\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],"
        + "\"Resource\":[\"arn:aws:s3:::lake/sales/orders/*\"]},"
        + "{\"Sid\":\"List0\",\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::lake\"],"
        + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"sales/orders/\",\"sales/orders/*\"]}}},"
        + "{\"Sid\":\"Buckets\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetBucketLocation\"],\"Resource\":[\"arn:aws:s3:::lake\"]}]}");
  }

  @Test
  void readWriteAddsPutDeleteAndMultipartActions() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ_WRITE, S3Location.parse("s3://lake/t")));
    assertThat(policy)
        .contains("\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\",\"s3:PutObject\",\"s3:DeleteObject\","
            + "\"s3:AbortMultipartUpload\",\"s3:ListMultipartUploadParts\"]")
        .contains("\"Action\":[\"s3:GetBucketLocation\",\"s3:ListBucketMultipartUploads\"]");
  }

  @Test
  void listingIsLimitedToKeysBelowThePrefixNeverTheBarePrefix() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ_WRITE, S3Location.parse("s3://lake/main/sales/orders")));
    assertThat(policy).contains("\"s3:prefix\":[\"main/sales/orders/\",\"main/sales/orders/*\"]")
        .doesNotContain("\"main/sales/orders\"");
  }

  @Test
  void readNeverGrantsWriting() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake/t")));
    assertThat(policy).doesNotContain("Put").doesNotContain("Delete").doesNotContain("Multipart").doesNotContain("s3:*");
  }

  @Test
  void emptyScopeIsAnExplicitDenyOfEverything() {
    assertThat(SessionPolicy.of(StorageScope.nothing(AccessLevel.READ_WRITE)))
        .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoLocation\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
  }

  @Test
  void wildcardAndVariableCharactersInNamesAreEscaped() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake/we*rd/a%3Fb/$x")));
    assertThat(policy)
        .contains("\"arn:aws:s3:::lake/we${*}rd/a${?}b/${$}x/*\"")
        .contains("\"s3:prefix\":[\"we${*}rd/a${?}b/${$}x/\",\"we${*}rd/a${?}b/${$}x/*\"]");
    assertThat(SessionPolicy.escape("${*}")).isEqualTo("${$}{${*}}");
  }

  @Test
  void quotesInKeysStayInsideTheirJsonString() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake/a\"b\\c")));
    assertThat(policy).contains("lake/a\\\"b\\\\c/*");
  }

  @Test
  void policyIsCompact() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ_WRITE,
        S3Location.parse("s3://lake/a"), S3Location.parse("s3://other/b")));
    assertThat(policy).doesNotContainAnyWhitespaces();
  }

  @Test
  void wholeBucketNeedsNoPrefixCondition() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake")));
    assertThat(policy).contains("\"arn:aws:s3:::lake/*\"").doesNotContain("Condition");
  }

  @Test
  void locationsOfSeveralBucketsGetOneListStatementEach() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ,
        S3Location.parse("s3://bkt2/x"), S3Location.parse("s3://bkt1/y"), S3Location.parse("s3://bkt1/z")));
    assertThat(policy)
        .contains("\"Resource\":[\"arn:aws:s3:::bkt1/y/*\",\"arn:aws:s3:::bkt1/z/*\",\"arn:aws:s3:::bkt2/x/*\"]")
        .contains("{\"Sid\":\"List0\",\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::bkt1\"],"
            + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"y/\",\"y/*\",\"z/\",\"z/*\"]}}}")
        .contains("\"Sid\":\"List1\"")
        .contains("\"Resource\":[\"arn:aws:s3:::bkt1\",\"arn:aws:s3:::bkt2\"]");
  }

  @Test
  void partitionComesFromTheRole() {
    assertThat(CredentialVendor.partition("arn:aws-cn:iam::123:role/r")).isEqualTo("aws-cn");
    assertThat(CredentialVendor.partition("garbage")).isEqualTo("aws");
    assertThat(SessionPolicy.of(StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake/t")), "aws-us-gov"))
        .contains("arn:aws-us-gov:s3:::lake/t/*");
  }

  @Test
  void s3LocationsAreNormalizedAndCompared() {
    assertThat(S3Location.parse("s3a://lake/t/")).isEqualTo(new S3Location("lake", "t"));
    assertThat(S3Location.parse("s3://lake")).hasToString("s3://lake");
    assertThat(S3Location.parse("s3://lake/a").contains(S3Location.parse("s3://lake/a/b"))).isTrue();
    assertThat(S3Location.parse("s3://lake/a").contains(S3Location.parse("s3://lake/ab"))).isFalse();
    assertThat(S3Location.parse("s3://lake").contains(S3Location.parse("s3://lake/ab"))).isTrue();
    assertThatThrownBy(() -> S3Location.parse("abfss://c@a.dfs.core.windows.net/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3Location.parse("s3://Bad_Bucket/x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(S3Location.parse("s3://lake/a//b")).isEqualTo(new S3Location("lake", "a/b"));
    assertThatThrownBy(() -> S3Location.parse("s3://lake/a/../b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalScopesAreEqualWhateverTheOrder() {
    assertThat(StorageScope.of(AccessLevel.READ, S3Location.parse("s3://bbb/x"), S3Location.parse("s3://aaa/y")))
        .isEqualTo(StorageScope.of(AccessLevel.READ, S3Location.parse("s3://aaa/y"), S3Location.parse("s3://bbb/x"), S3Location.parse("s3://aaa/y")));
  }

  private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1f2e3d4c-0000-4000-8000-000000000001";

  @Test
  void aKeyedLocationReadsWithDecryptOnThatKeyOnlyAndOnlyThroughS3() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake/t")).withKmsKey(KEY));
    assertThat(policy).endsWith(",{\"Sid\":\"Keys\",\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\"],\"Resource\":[\"" + KEY
        + "\"],\"Condition\":{\"StringLike\":{\"kms:ViaService\":\"s3.*.amazonaws.com\"}}}]}");
    assertThat(policy).doesNotContain("GenerateDataKey").doesNotContain("kms:*").doesNotContain("Encrypt\"");
  }

  @Test
  void aKeyedLocationWritesWithGenerateDataKeyAsWell() {
    String policy = SessionPolicy.of(StorageScope.of(AccessLevel.READ_WRITE, S3Location.parse("s3://lake/t")).withKmsKey(KEY));
    assertThat(policy).contains("\"Action\":[\"kms:Decrypt\",\"kms:GenerateDataKey\"],\"Resource\":[\"" + KEY + "\"]");
  }

  @Test
  void noKeyNamedMeansNoKmsStatementAndAKeyNeverWidensAnEmptyScope() {
    assertThat(SessionPolicy.of(StorageScope.of(AccessLevel.READ_WRITE, S3Location.parse("s3://lake/t")).withKmsKey(null)))
        .doesNotContain("kms:");
    assertThat(SessionPolicy.of(StorageScope.nothing(AccessLevel.READ).withKmsKey(KEY))).isEqualTo(SessionPolicy.DENY_ALL);
  }

  @Test
  void scopesDifferingOnlyInTheirKeyAreDifferentCacheKeys() {
    StorageScope plain = StorageScope.of(AccessLevel.READ, S3Location.parse("s3://lake/t"));
    assertThat(plain.withKmsKey(KEY)).isNotEqualTo(plain).isEqualTo(plain.withKmsKey(KEY).withKmsKey(KEY));
    assertThat(plain.withKmsKey(KEY).describe()).isEqualTo("READ s3://lake/t kms " + KEY);
  }
}
