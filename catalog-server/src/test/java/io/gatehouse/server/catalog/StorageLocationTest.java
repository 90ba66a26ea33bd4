package io.gatehouse.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.server.common.GatehouseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageLocationTest {

  @ParameterizedTest
  @CsvSource({
    "s3://bucket/a/b/, s3://bucket/a/b",
    "S3://bucket//a///b, s3://bucket/a/b",
    "s3://bucket, s3://bucket",
    "file:/tmp/x, file:///tmp/x",
    "file:///tmp/x/, file:///tmp/x",
    "abfss://container@account.dfs.core.windows.net/p, abfss://container@account.dfs.core.windows.net/p",
    "s3a://Bucket/a/%6Frders/, s3://bucket/a/orders",
    "s3n://bucket/a%2Fb, s3://bucket/a/b"
  })
  void locationsHaveOneCanonicalSpelling(String raw, String canonical) {
    assertThat(StorageLocation.parse("storage_location", raw).toString()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "bucket/path", "s3:///path", "s3://b/../x", "s3://b/./x", "s3://b/%2E%2E/x", "s3://b/a%00", "s3://b/x?q", "s3://b/x#f", "s3://b/a b", "file:///", "mailto:x@y"})
  void malformedLocationsAreRefused(String raw) {
    assertThatThrownBy(() -> StorageLocation.parse("storage_location", raw))
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining("storage_location");
  }

  @Test
  void ancestorsAreEveryProperPrefixOnSegmentBoundaries() {
    assertThat(StorageLocation.parse("f", "s3://b/x/y/z").ancestors())
        .containsExactly("s3://b", "s3://b/x", "s3://b/x/y");
    assertThat(StorageLocation.parse("f", "s3://b").ancestors()).isEmpty();
    assertThat(StorageLocation.parse("f", "file:///tmp/d").ancestors()).containsExactly("file:///tmp");
  }
}
