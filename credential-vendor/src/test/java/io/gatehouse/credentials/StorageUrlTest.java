package io.gatehouse.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many spellings, one canonical form; and the spellings that have none. */
class StorageUrlTest {
  /** Canonical form to spellings of it that must all read as that form. */
  static final Map<String, List<String>> SPELLINGS = Map.of(
      "s3://lake/main/sales/orders", List.of(
          "s3://lake/main/sales/orders",
          "s3a://lake/main/sales/orders",
          "s3n://lake/main/sales/orders",
          "S3A://lake/main/sales/orders",
          "s3://LAKE/main/sales/orders",
          "s3://lake/main/sales/orders/",
          "s3://lake//main///sales/orders//",
          "s3://lake/main/sales/%6Frders",
          "s3://lake/main/sales/%6frders",
          "s3://lake/%6D%61%69%6E/sales/orders",
          "s3://lake/main%2Fsales%2Forders",
          "s3://lake/main/sales/orders%2F"),
      "s3://lake/Main/Sales", List.of("s3://lake/Main/Sales", "s3a://Lake/Main/Sales/"),
      "s3://lake/a%20b/c%25d/e%3Ff/%C3%A9", List.of(
          "s3://lake/a%20b/c%25d/e%3Ff/%C3%A9",
          "s3://lake/a%20b/c%25d/e%3ff/é",
          "s3n://lake/a%20b/c%25d/e%3Ff/%c3%a9/"),
      "s3://lake/x!$&'()*+,;=:@~", List.of("s3://lake/x%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40%7E", "s3://lake/x!$&'()*+,;=:@~"),
      "s3://lake/a%22b%5Cc%7Bd%7D", List.of("s3://lake/a\"b\\c{d}", "s3://lake/a%22b%5cc%7bd%7d"),
      "file:///tmp/x", List.of("file:/tmp/x", "file:///tmp/x/", "FILE:///tmp//x"),
      "abfss://container@account.dfs.core.windows.net/p", List.of(
          "abfss://container@account.dfs.core.windows.net/p", "ABFSS://Container@Account.dfs.core.windows.net/p/"),
      "s3://lake", List.of("s3://lake", "s3://lake/", "s3a://LAKE//"));

  @Test
  void everySpellingReadsAsItsOneCanonicalForm() {
    SPELLINGS.forEach((canonical, spellings) -> {
      for (String spelling : spellings) {
        assertThat(StorageUrl.parse(spelling)).as(spelling).hasToString(canonical);
        assertThat(StorageUrl.parse(spelling)).as(spelling).isEqualTo(StorageUrl.parse(canonical));
      }
    });
  }

  @Test
  void theCanonicalFormIsAFixedPoint() {
    SPELLINGS.values().stream().flatMap(List::stream).forEach(spelling -> {
      String once = StorageUrl.parse(spelling).toString();
      assertThat(StorageUrl.parse(once).toString()).as(spelling).isEqualTo(once);
    });
  }

  @Test
  void keysAreDecodedAndKeepTheirCase() {
    assertThat(StorageUrl.parse("s3a://Lake/Main/%6Frders/").key()).isEqualTo("Main/orders");
    assertThat(StorageUrl.parse("s3://lake/a%20b").key()).isEqualTo("a b");
    assertThat(S3Location.parse("s3n://lake/main/sales/%6Frders")).isEqualTo(new S3Location("lake", "main/sales/orders"));
    assertThat(StorageUrl.parse("s3://lake/a/b").contains(StorageUrl.parse("s3a://lake/a/b/c"))).isTrue();
    assertThat(StorageUrl.parse("s3://lake/a/b").contains(StorageUrl.parse("s3://lake/a/bc"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "bucket/path", "s3:///path", "s3:bucket/path", "mailto:x@y", "file:///", "file://",
      "s3://lake/../x", "s3://lake/a/./x", "s3://lake/a/..", "s3://lake/a/%2E%2E/x", "s3://lake/a/%2e/x",
      "s3://lake/a%2F..%2Fx", "s3://lake/a%2F%2E%2E%2Fb", "s3://lake/a/.%2E/b",
      "s3://lake/x?q", "s3://lake/x#f", "s3://lake/a b", "s3://lake/a\tb", "s3://lake/a%00b", "s3://lake/a%0Ab",
      "s3://lake/a%", "s3://lake/a%4", "s3://lake/a%G1", "s3://lake/a%FF", "s3://lake/%C3",
      "s3://l%61ke/x", "s3://la ke/x", "s3://la{ke/x", "1s3://lake/x"})
  void spellingsWithoutACanonicalFormAreRefused(String raw) {
    assertThatThrownBy(() -> StorageUrl.parse(raw)).isInstanceOf(StorageUrl.InvalidStorageUrlException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3://Bad_Bucket/x", "s3://la/x", "s3://lake:443/x", "s3://user@lake/x", "s3://-lake/x"})
  void urlsWithoutAValidBucketHaveNoS3Location(String raw) {
    assertThat(StorageUrl.parse(raw).isS3()).isTrue();
    assertThatThrownBy(() -> S3Location.parse(raw)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overlongUrlsAreRefused() {
    assertThatThrownBy(() -> StorageUrl.parse("s3://lake/" + "a".repeat(StorageUrl.MAX_LENGTH)))
        .hasMessageContaining("at most");
  }
}
