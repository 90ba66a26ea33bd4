package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lookups in a catalog snapshot give the targets the catalog's rows give. */
class CatalogSnapshotTest {
  private static final String METASTORE = "0b7d6c1e-0000-4000-8000-000000000000";
  private static final String CATALOG = "0b7d6c1e-0000-4000-8000-000000000001";
  private static final String SCHEMA = "0b7d6c1e-0000-4000-8000-000000000002";
  private static final String TABLE = "0b7d6c1e-0000-4000-8000-000000000003";
  private static final String LOCATION = "0b7d6c1e-0000-4000-8000-000000000004";

  private static final CatalogSnapshot SNAPSHOT = CatalogSnapshot.of(List.of(
      // Children before their parents: the order of the rows does not matter.
      new CatalogSnapshot.Row(SecurableType.TABLE, TABLE, "Orders", SCHEMA, "carol"),
      new CatalogSnapshot.Row(SecurableType.SCHEMA, SCHEMA, "sales", CATALOG, "bob"),
      new CatalogSnapshot.Row(SecurableType.CATALOG, CATALOG, "Main", null, "alice"),
      new CatalogSnapshot.Row(SecurableType.EXTERNAL_LOCATION, LOCATION, "landing", null, "dave"),
      new CatalogSnapshot.Row(SecurableType.METASTORE, METASTORE, "metastore_x", null, "admins"),
      // A table whose schema is not in the snapshot cannot be named.
      new CatalogSnapshot.Row(SecurableType.TABLE, "0b7d6c1e-0000-4000-8000-000000000009", "lost",
          "0b7d6c1e-0000-4000-8000-00000000000a", "erin")));

  @Test
  void aTableIsItsPathOfIdsWithEachLevelsOwnerAndFullName() {
    Target expected = new Target(Securable.of(SecurableType.TABLE, CATALOG, SCHEMA, TABLE),
        List.of("alice", "bob", "carol"), List.of("Main", "Main.sales", "Main.sales.Orders"));
    assertThat(SNAPSHOT.byName(SecurableType.TABLE, "main.SALES.orders")).isEqualTo(expected);
    assertThat(SNAPSHOT.byId(SecurableType.TABLE, TABLE.toUpperCase())).isEqualTo(expected);
    assertThat(SNAPSHOT.byName(SecurableType.SCHEMA, "Main.sales")).isEqualTo(expected.parent());
    assertThat(SNAPSHOT.byId(SecurableType.CATALOG, CATALOG)).isEqualTo(expected.parent().parent());
  }

  @Test
  void aNameOfAnotherKindOrShapeOrAnUnknownIdFindsNothing() {
    assertThat(SNAPSHOT.byName(SecurableType.VOLUME, "main.sales.orders")).isNull();
    assertThat(SNAPSHOT.byName(SecurableType.TABLE, "main.sales")).isNull();
    assertThat(SNAPSHOT.byName(SecurableType.TABLE, "`main`.sales.orders")).isNull();
    assertThat(SNAPSHOT.byId(SecurableType.SCHEMA, TABLE)).isNull();
    assertThat(SNAPSHOT.byId(SecurableType.TABLE, "orders")).isNull();
    assertThat(SNAPSHOT.byId(SecurableType.TABLE, "0b7d6c1e-0000-4000-8000-000000000009")).isNull();
  }

  @Test
  void theMetastoreAnswersToItsIdAndNameAndTopLevelSecurablesStandAlone() {
    Target metastore = new Target(Securable.of(SecurableType.METASTORE, METASTORE), List.of("admins"), List.of("metastore_x"));
    assertThat(SNAPSHOT.byName(SecurableType.METASTORE, "METASTORE_X")).isEqualTo(metastore);
    assertThat(SNAPSHOT.byId(SecurableType.METASTORE, METASTORE)).isEqualTo(metastore);
    assertThat(SNAPSHOT.byId(SecurableType.METASTORE, "metastore_x")).isEqualTo(metastore);
    assertThat(SNAPSHOT.byName(SecurableType.METASTORE, "other")).isNull();
    assertThat(SNAPSHOT.byName(SecurableType.EXTERNAL_LOCATION, "Landing")).isEqualTo(
        new Target(Securable.of(SecurableType.EXTERNAL_LOCATION, LOCATION), List.of("dave"), List.of("landing")));
    assertThat(SNAPSHOT.size()).isEqualTo(5);
    assertThat(SNAPSHOT.entries()).hasSize(4).contains(
        new CatalogSnapshot.Entry(SecurableType.TABLE, TABLE, "Main.sales.Orders", SCHEMA, "carol"));
  }

  @Test
  void aPolicySnapshotCarriesItsCatalogAcrossRenumbering() {
    PolicySnapshot policies = PolicySnapshot.of(3, List.of()).withCatalog(SNAPSHOT);
    assertThat(policies.catalog()).isSameAs(SNAPSHOT);
    assertThat(policies.next(4, List.of(), List.of(), List.of()).catalog()).isSameAs(SNAPSHOT);
    assertThat(PolicySnapshot.empty().catalog().byName(SecurableType.CATALOG, "main")).isNull();
  }
}
