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
  void otherSpellingsAreAskedInTheOneCanonicalSpelling() {
    for (String spelling : new String[] {"s3a://lake/sales/orders", "s3n://LAKE/sales/%6Frders/", "s3://lake/sales%2Forders"}) {
      assertThat(CatalogTableResolver.selfAndAncestors(spelling)).as(spelling)
          .containsExactly("s3://lake", "s3://lake/sales", "s3://lake/sales/orders");
    }
  }

  @Test
  void aLocationTheCatalogCouldNotHoldMapsToNothing() {
    assertThat(CatalogTableResolver.selfAndAncestors("not a url")).isEmpty();
    assertThat(CatalogTableResolver.selfAndAncestors("s3://lake/a/../b")).isEmpty();
    assertThat(CatalogTableResolver.selfAndAncestors("s3://lake/a/%2E%2E/b")).isEmpty();
  }
}
