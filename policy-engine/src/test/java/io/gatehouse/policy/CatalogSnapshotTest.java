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
  void aRegisteredModelIsNamedLikeATableInItsSchema() {
    String model = "0b7d6c1e-0000-4000-8000-000000000005";
    CatalogSnapshot withModel = CatalogSnapshot.of(List.of(
        new CatalogSnapshot.Row(SecurableType.CATALOG, CATALOG, "Main", null, "alice"),
        new CatalogSnapshot.Row(SecurableType.SCHEMA, SCHEMA, "sales", CATALOG, "bob"),
        new CatalogSnapshot.Row(SecurableType.REGISTERED_MODEL, model, "Churn", SCHEMA, "frank")));
    Target expected = new Target(Securable.of(SecurableType.REGISTERED_MODEL, CATALOG, SCHEMA, model),
        List.of("alice", "bob", "frank"), List.of("Main", "Main.sales", "Main.sales.Churn"));
    assertThat(withModel.byName(SecurableType.REGISTERED_MODEL, "main.sales.CHURN")).isEqualTo(expected);
    assertThat(withModel.byName(SecurableType.REGISTERED_MODEL, "main.sales")).isNull();
    assertThat(withModel.byName(SecurableType.TABLE, "main.sales.churn")).isNull();
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
    assertThat(SNAPSHOT.size()).isEqualTo(6); // the lost table is held, but has no path
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

  @Test
  void renamingACatalogRenamesWhatLiesBelowItAndLeavesTheSnapshotItCameFromAsItWas() {
    CatalogSnapshot renamed = SNAPSHOT.with(List.of(new CatalogSnapshot.Row(SecurableType.CATALOG, CATALOG, "Prod", null, "alice")), List.of());
    assertThat(renamed.byName(SecurableType.TABLE, "prod.sales.orders").names())
        .containsExactly("Prod", "Prod.sales", "Prod.sales.Orders");
    assertThat(renamed.byName(SecurableType.TABLE, "main.sales.orders")).isNull();
    assertThat(SNAPSHOT.byName(SecurableType.TABLE, "main.sales.orders")).isNotNull();
    assertThat(SNAPSHOT.byName(SecurableType.CATALOG, "prod")).isNull();
  }

  @Test
  void twoSecurablesSwappingNamesInOneChangeKeepBoth() {
    String other = "0b7d6c1e-0000-4000-8000-00000000000b";
    CatalogSnapshot two = SNAPSHOT.with(List.of(new CatalogSnapshot.Row(SecurableType.TABLE, other, "returns", SCHEMA, "carol")), List.of());
    CatalogSnapshot swapped = two.with(List.of(
        new CatalogSnapshot.Row(SecurableType.TABLE, TABLE, "returns", SCHEMA, "carol"),
        new CatalogSnapshot.Row(SecurableType.TABLE, other, "Orders", SCHEMA, "carol")), List.of());
    assertThat(swapped.byName(SecurableType.TABLE, "main.sales.returns").securable().id()).isEqualTo(TABLE);
    assertThat(swapped.byName(SecurableType.TABLE, "main.sales.orders").securable().id()).isEqualTo(other);
  }

  @Test
  void aDroppedSchemaTakesItsPathFromWhatWasLeftBelowIt() {
    CatalogSnapshot dropped = SNAPSHOT.with(List.of(), List.of(SCHEMA.toUpperCase()));
    assertThat(dropped.byName(SecurableType.SCHEMA, "main.sales")).isNull();
    assertThat(dropped.byId(SecurableType.TABLE, TABLE)).isNull();
    assertThat(dropped.byName(SecurableType.TABLE, "main.sales.orders")).isNull();
    assertThat(dropped.entries()).extracting(CatalogSnapshot.Entry::type)
        .containsExactlyInAnyOrder(SecurableType.CATALOG, SecurableType.EXTERNAL_LOCATION);
    // Re-created under the same name with a new id: the name finds the new one only.
    String again = "0b7d6c1e-0000-4000-8000-00000000000c";
    CatalogSnapshot recreated = dropped.with(List.of(new CatalogSnapshot.Row(SecurableType.SCHEMA, again, "sales", CATALOG, "bob")), List.of());
    assertThat(recreated.byName(SecurableType.SCHEMA, "main.sales").securable().id()).isEqualTo(again);
    assertThat(recreated.byId(SecurableType.TABLE, TABLE)).isNull();
  }

  @Test
  void aTableMovedToAnotherSchemaIsFoundOnlyUnderItsNewPath() {
    String schema2 = "0b7d6c1e-0000-4000-8000-00000000000d";
    CatalogSnapshot moved = SNAPSHOT
        .with(List.of(new CatalogSnapshot.Row(SecurableType.SCHEMA, schema2, "hr", CATALOG, "bob")), List.of())
        .with(List.of(new CatalogSnapshot.Row(SecurableType.TABLE, TABLE, "Orders", schema2, "dave")), List.of());
    assertThat(moved.byName(SecurableType.TABLE, "main.sales.orders")).isNull();
    assertThat(moved.byId(SecurableType.TABLE, TABLE)).isEqualTo(new Target(Securable.of(SecurableType.TABLE, CATALOG, schema2, TABLE),
        List.of("alice", "bob", "dave"), List.of("Main", "Main.hr", "Main.hr.Orders")));
  }

  @Test
  void childrenComeInNameOrderAfterAGivenNameAndFollowRenamesAndDrops() {
    String b = "0b7d6c1e-0000-4000-8000-0000000000b0";
    String c = "0b7d6c1e-0000-4000-8000-0000000000c0";
    CatalogSnapshot three = SNAPSHOT.with(List.of(
        new CatalogSnapshot.Row(SecurableType.TABLE, c, "c_table", SCHEMA, "carol"),
        new CatalogSnapshot.Row(SecurableType.TABLE, b, "B_table", SCHEMA, "carol")), List.of());
    assertThat(three.children(SecurableType.TABLE, SCHEMA, null, 10)).extracting(t -> t.securable().id())
        .containsExactly(b, c, TABLE);
    assertThat(three.children(SecurableType.TABLE, SCHEMA.toUpperCase(), "b_TABLE", 1)).extracting(t -> t.securable().id())
        .containsExactly(c);
    assertThat(three.children(SecurableType.TABLE, SCHEMA, "bz", 10)).extracting(t -> t.securable().id()).containsExactly(c, TABLE);
    assertThat(three.children(SecurableType.VOLUME, SCHEMA, null, 10)).isEmpty();
    assertThat(three.children(SecurableType.CATALOG, null, null, 10)).extracting(t -> t.names().get(0)).containsExactly("Main");

    CatalogSnapshot changed = three.with(List.of(new CatalogSnapshot.Row(SecurableType.TABLE, TABLE, "a_orders", SCHEMA, "carol")), List.of(b));
    assertThat(changed.children(SecurableType.TABLE, SCHEMA, null, 10)).extracting(t -> t.securable().id()).containsExactly(TABLE, c);
    assertThat(three.children(SecurableType.TABLE, SCHEMA, null, 10)).hasSize(3);
  }

  /**
   * Children lists are edited in place of being rebuilt; after random creates, renames (in case
   * too), moves between schemas and drops, every list is what sorting the surviving rows gives.
   */
  @Test
  void childrenListsFollowRandomChangesAsSortingTheRowsWould() {
    java.util.Random random = new java.util.Random(7);
    String[] schemas = {SCHEMA, "0b7d6c1e-0000-4000-8000-0000000000e1", "0b7d6c1e-0000-4000-8000-0000000000e2"};
    java.util.Map<String, CatalogSnapshot.Row> rows = new java.util.HashMap<>();
    CatalogSnapshot snapshot = SNAPSHOT.with(List.of(
        new CatalogSnapshot.Row(SecurableType.SCHEMA, schemas[1], "two", CATALOG, "bob"),
        new CatalogSnapshot.Row(SecurableType.SCHEMA, schemas[2], "three", CATALOG, "bob")), List.of(TABLE));
    for (int round = 0; round < 300; round++) {
      List<CatalogSnapshot.Row> upserts = new java.util.ArrayList<>();
      List<String> removed = new java.util.ArrayList<>();
      for (int change = random.nextInt(4); change >= 0; change--) {
        String id = String.format("0b7d6c1e-0000-4000-8000-%012x", 0x1000 + random.nextInt(60));
        boolean takenInRound = upserts.stream().anyMatch(r -> r.id().equals(id)) || removed.contains(id);
        if (takenInRound) {
          continue;
        }
        if (rows.containsKey(id) && random.nextInt(4) == 0) {
          removed.add(id);
          continue;
        }
        String schema = schemas[random.nextInt(schemas.length)];
        String name = (random.nextBoolean() ? "T" : "t") + random.nextInt(40);
        boolean nameTaken = rows.values().stream().anyMatch(r -> r.parentId().equals(schema) && r.name().equalsIgnoreCase(name)
            && !r.id().equals(id) && !removed.contains(r.id()))
            || upserts.stream().anyMatch(r -> r.parentId().equals(schema) && r.name().equalsIgnoreCase(name));
        if (!nameTaken) {
          upserts.add(new CatalogSnapshot.Row(SecurableType.TABLE, id, name, schema, "carol"));
        }
      }
      snapshot = snapshot.with(upserts, removed);
      removed.forEach(rows::remove);
      upserts.forEach(r -> rows.put(r.id(), r));
      for (String schema : schemas) {
        List<String> expected = rows.values().stream().filter(r -> r.parentId().equals(schema))
            .sorted(java.util.Comparator.comparing(r -> r.name().toLowerCase(java.util.Locale.ROOT))).map(CatalogSnapshot.Row::id).toList();
        assertThat(snapshot.children(SecurableType.TABLE, schema, null, 1_000)).extracting(t -> t.securable().id())
            .as("round %d, schema %s", round, schema).containsExactlyElementsOf(expected);
      }
    }
  }
}
