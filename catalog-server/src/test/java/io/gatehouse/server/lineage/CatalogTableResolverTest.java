package io.gatehouse.server.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogTableResolverTest {
  @Test
  void aLocationIsAskedWithEachAncestorInTheCatalogsSpelling() {
    assertThat(CatalogTableResolver.selfAndAncestors("S3://lake//sales/orders/"))
        .containsExactly("s3://lake", "s3://lake/sales", "s3://lake/sales/orders");
    assertThat(CatalogTableResolver.selfAndAncestors("file:///data/t/part-0.parquet"))
        .containsExactly("file:///data", "file:///data/t", "file:///data/t/part-0.parquet");
  }

  @Test
  void hadoopS3SchemesAreAlsoAskedAsS3() {
    assertThat(CatalogTableResolver.selfAndAncestors("s3a://lake/sales/orders"))
        .containsExactly("s3a://lake", "s3a://lake/sales", "s3a://lake/sales/orders",
            "s3://lake", "s3://lake/sales", "s3://lake/sales/orders");
  }

  @Test
  void aLocationTheCatalogCouldNotHoldMapsToNothing() {
    assertThat(CatalogTableResolver.selfAndAncestors("not a url")).isEmpty();
    assertThat(CatalogTableResolver.selfAndAncestors("s3://lake/a/../b")).isEmpty();
  }
}
