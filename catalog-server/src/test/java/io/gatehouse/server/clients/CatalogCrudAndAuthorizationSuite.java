package io.gatehouse.server.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.client.model.CatalogInfo;
import io.gatehouse.client.model.ColumnInfo;
import io.gatehouse.client.model.CreatedToken;
import io.gatehouse.client.model.FunctionInfo;
import io.gatehouse.client.model.Identity;
import io.gatehouse.client.model.ModelVersionInfo;
import io.gatehouse.client.model.PrivilegeAssignment;
import io.gatehouse.client.model.RegisteredModelInfo;
import io.gatehouse.client.model.SchemaInfo;
import io.gatehouse.client.model.SqlResult;
import io.gatehouse.client.model.StatementResult;
import io.gatehouse.client.model.TableInfo;
import io.gatehouse.client.model.TokenInfo;
import io.gatehouse.client.model.VolumeInfo;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.clients.Operations.Column;
import io.gatehouse.server.clients.Operations.Failure;
import io.gatehouse.server.clients.Operations.OperationFailed;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The catalog CRUD and authorization suite, written once and run through REST, the Java client
 * and the CLI (UC OSS's BaseCatalogCRUDTest with *Operations). Each subclass says how: {@link
 * #operations(String)} for a token. Names are unique per run, since every Quarkus test shares one
 * database.
 */
public abstract class CatalogCrudAndAuthorizationSuite {
  /** The operations of this way, authenticated with {@code token}. */
  protected abstract Operations operations(String token);

  protected Operations admin() {
    return operations(Api.ADMIN_TOKEN);
  }

  /** A new user and the operations as that user (an OIDC JWT of the test issuer). */
  protected record User(String email, Operations ops) {}

  protected User newUser(String prefix) {
    String email = Identities.email(prefix);
    Identities.user(email);
    return new User(email, operations(TestIssuer.jwt(email)));
  }

  /** Runs {@code call}, which must fail with {@code expected} and a request id; answers the failure. */
  protected static OperationFailed assertFails(Failure expected, ThrowingCallable call) {
    OperationFailed failed = catchThrowableOfType(OperationFailed.class, call);
    assertThat(failed).as("expected %s", expected).isNotNull();
    assertThat(failed.failure()).as(failed.getMessage()).isEqualTo(expected);
    assertThat(failed.requestId()).as("request id of " + failed.getMessage()).isNotBlank();
    return failed;
  }

  private static List<String> catalogNames(List<CatalogInfo> catalogs) {
    return catalogs.stream().map(CatalogInfo::name).toList();
  }

  @Test
  void catalogIsCreatedReadRenamedAndDeleted() {
    Operations ops = admin();
    String name = Api.unique("crud");
    CatalogInfo created = ops.createCatalog(name, "first comment");
    assertThat(created.name()).isEqualTo(name);
    assertThat(created.comment()).isEqualTo("first comment");
    assertThat(created.owner()).isEqualTo("admin");
    assertThat(created.id()).isNotBlank();
    assertThat(ops.getCatalog(name).id()).isEqualTo(created.id());

    String renamed = name + "_renamed";
    CatalogInfo updated = ops.updateCatalog(name, renamed, "second comment");
    assertThat(updated.name()).isEqualTo(renamed);
    assertThat(updated.comment()).isEqualTo("second comment");
    assertThat(ops.getCatalog(renamed).id()).isEqualTo(created.id());
    assertFails(Failure.NOT_FOUND, () -> ops.getCatalog(name));

    ops.deleteCatalog(renamed, false);
    assertFails(Failure.NOT_FOUND, () -> ops.getCatalog(renamed));
    assertFails(Failure.NOT_FOUND, () -> ops.deleteCatalog(renamed, false));
  }

  @Test
  void schemasTablesVolumesAndFunctionsGoThroughTheirLifecycles() {
    Operations ops = admin();
    String catalog = Api.unique("life");
    ops.createCatalog(catalog, null);

    SchemaInfo schema = ops.createSchema(catalog, "s", "a schema");
    assertThat(schema.fullName()).isEqualTo(catalog + ".s");
    assertThat(schema.catalogName()).isEqualTo(catalog);
    SchemaInfo renamed = ops.updateSchema(catalog + ".s", "sales", "sales data");
    assertThat(renamed.fullName()).isEqualTo(catalog + ".sales");
    assertThat(ops.getSchema(catalog + ".sales").comment()).isEqualTo("sales data");
    assertThat(ops.listSchemas(catalog, 0)).extracting(SchemaInfo::name).contains("sales").doesNotContain("s");

    String location = "s3://clients-suite/" + catalog + "/orders";
    TableInfo table = ops.createTable(catalog, "sales", "orders", location,
        List.of(new Column("id", "LONG"), new Column("region", "STRING")));
    assertThat(table.fullName()).isEqualTo(catalog + ".sales.orders");
    assertThat(table.tableType()).isEqualTo("EXTERNAL");
    assertThat(table.dataSourceFormat()).isEqualTo("DELTA");
    assertThat(table.storageLocation()).isEqualTo(location);
    assertThat(table.columns()).extracting(ColumnInfo::name, ColumnInfo::typeName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("id", "LONG"), org.assertj.core.groups.Tuple.tuple("region", "STRING"));
    assertThat(ops.getTable(catalog + ".sales.orders").tableId()).isEqualTo(table.tableId());
    assertThat(ops.listTables(catalog, "sales", 0)).extracting(TableInfo::name).containsExactly("orders");
    assertThat(ops.updateTableOwner(catalog + ".sales.orders", "admins").owner()).isEqualTo("admins");

    VolumeInfo volume = ops.createVolume(catalog, "sales", "files", "raw files");
    assertThat(volume.volumeType()).isEqualTo("MANAGED");
    assertThat(volume.storageLocation()).isNotBlank();
    VolumeInfo movedVolume = ops.updateVolume(catalog + ".sales.files", "landing", "landing zone");
    assertThat(movedVolume.fullName()).isEqualTo(catalog + ".sales.landing");
    assertThat(ops.getVolume(catalog + ".sales.landing").comment()).isEqualTo("landing zone");
    assertThat(ops.listVolumes(catalog, "sales", 0)).extracting(VolumeInfo::name).containsExactly("landing");

    FunctionInfo function = ops.createFunction(catalog, "sales", "is_eu", "region", "region = 'EU'");
    assertThat(function.fullName()).isEqualTo(catalog + ".sales.is_eu");
    assertThat(function.routineDefinition()).isEqualTo("region = 'EU'");
    assertThat(function.inputParams().parameters()).singleElement()
        .satisfies(p -> assertThat(p.name()).isEqualTo("region"));
    assertThat(ops.getFunction(catalog + ".sales.is_eu").dataType()).isEqualTo("BOOLEAN");
    assertThat(ops.listFunctions(catalog, "sales", 0)).extracting(FunctionInfo::name).containsExactly("is_eu");

    // A schema with content goes only with force.
    assertFails(Failure.INVALID, () -> ops.deleteSchema(catalog + ".sales", false));
    ops.deleteFunction(catalog + ".sales.is_eu");
    assertFails(Failure.NOT_FOUND, () -> ops.getFunction(catalog + ".sales.is_eu"));
    ops.deleteVolume(catalog + ".sales.landing");
    assertFails(Failure.NOT_FOUND, () -> ops.getVolume(catalog + ".sales.landing"));
    ops.deleteTable(catalog + ".sales.orders");
    assertFails(Failure.NOT_FOUND, () -> ops.getTable(catalog + ".sales.orders"));
    ops.deleteSchema(catalog + ".sales", false);
    assertThat(ops.listSchemas(catalog, 0)).extracting(SchemaInfo::name).doesNotContain("sales");

    ops.createSchema(catalog, "again", null);
    assertFails(Failure.INVALID, () -> ops.deleteCatalog(catalog, false));
    ops.deleteCatalog(catalog, true);
    assertFails(Failure.NOT_FOUND, () -> ops.getSchema(catalog + ".again"));
  }

  @Test
  void listingsPageThroughEveryItem() {
    Operations ops = admin();
    String catalog = Api.unique("pages");
    ops.createCatalog(catalog, null);
    List<String> names = List.of("s1", "s2", "s3", "s4", "s5");
    names.forEach(n -> ops.createSchema(catalog, n, null));
    for (int i = 1; i <= 3; i++) {
      ops.createTable(catalog, "s1", "t" + i, "s3://clients-suite/" + catalog + "/t" + i, List.of(new Column("x", "INT")));
    }
    assertThat(ops.listSchemas(catalog, 2)).extracting(SchemaInfo::name).containsAll(names)
        .doesNotHaveDuplicates();
    assertThat(ops.listSchemas(catalog, 1)).extracting(SchemaInfo::name).containsAll(names);
    assertThat(ops.listTables(catalog, "s1", 2)).extracting(TableInfo::name).containsExactly("t1", "t2", "t3");
    assertThat(ops.listTables(catalog, "s2", 2)).isEmpty();
  }

  @Test
  void refusalsHaveTheirKindAndARequestId() {
    Operations ops = admin();
    String catalog = Api.unique("err");
    ops.createCatalog(catalog, null);
    ops.createSchema(catalog, "s", null);

    assertThat(assertFails(Failure.NOT_FOUND, () -> ops.getCatalog(catalog + "_missing")).getMessage())
        .contains(catalog + "_missing");
    assertFails(Failure.NOT_FOUND, () -> ops.getTable(catalog + ".s.missing"));
    assertFails(Failure.NOT_FOUND, () -> ops.createSchema(catalog + "_missing", "s", null));
    assertFails(Failure.CONFLICT, () -> ops.createCatalog(catalog, null));
    assertFails(Failure.CONFLICT, () -> ops.createSchema(catalog, "s", null));
    assertThat(assertFails(Failure.INVALID, () -> ops.createCatalog("bad name", null)).getMessage()).contains("name");
    assertThat(assertFails(Failure.INVALID, () -> ops.sql("CREATE TABLE")).getMessage()).contains("Syntax error");
    assertFails(Failure.INVALID, () -> ops.grant("catalog", catalog, "admins", List.of("NOT_A_PRIVILEGE")));

    Operations stranger = operations("gat_not-a-valid-token");
    assertFails(Failure.UNAUTHENTICATED, () -> stranger.getCatalog(catalog));
    assertFails(Failure.UNAUTHENTICATED, stranger::whoami);
  }

  @Test
  void aSecondUserSeesOnlyWhatItIsGrantedUntilItIsRevoked() {
    Operations ops = admin();
    User user = newUser("suite-user");
    String granted = Api.unique("granted");
    String hidden = Api.unique("hidden");
    ops.createCatalog(granted, null);
    ops.createCatalog(hidden, null);
    ops.createSchema(granted, "s", null);

    assertThat(catalogNames(user.ops().listCatalogs(0))).doesNotContain(granted, hidden);
    assertFails(Failure.PERMISSION_DENIED, () -> user.ops().getCatalog(granted));
    assertFails(Failure.PERMISSION_DENIED, () -> user.ops().createCatalog(Api.unique("mine"), null));

    List<PrivilegeAssignment> after = ops.grant("catalog", granted, user.email(), List.of("USE CATALOG", "USE_SCHEMA"));
    assertThat(after).anySatisfy(a -> {
      assertThat(a.principal()).isEqualTo(user.email());
      assertThat(a.privileges()).containsExactlyInAnyOrder("USE CATALOG", "USE SCHEMA");
    });
    assertThat(catalogNames(user.ops().listCatalogs(0))).contains(granted).doesNotContain(hidden);
    assertThat(user.ops().getCatalog(granted).name()).isEqualTo(granted);
    assertFails(Failure.PERMISSION_DENIED, () -> user.ops().getCatalog(hidden));
    // The user sees its own grants; it may not change them.
    assertThat(user.ops().showGrants("catalog", granted)).extracting(PrivilegeAssignment::principal).containsExactly(user.email());
    assertFails(Failure.PERMISSION_DENIED, () -> user.ops().grant("catalog", granted, user.email(), List.of("CREATE SCHEMA")));
    assertFails(Failure.PERMISSION_DENIED, () -> user.ops().deleteCatalog(granted, true));

    ops.revoke("catalog", granted, user.email(), List.of("USE CATALOG", "USE SCHEMA"));
    assertThat(ops.showGrants("catalog", granted)).extracting(PrivilegeAssignment::principal).doesNotContain(user.email());
    assertThat(catalogNames(user.ops().listCatalogs(0))).doesNotContain(granted);
    assertFails(Failure.PERMISSION_DENIED, () -> user.ops().getCatalog(granted));
  }

  @Test
  void modelsAndTheirVersionsGoThroughTheirLifecyclesAndNeedExecuteToBeRead() {
    Operations ops = admin();
    String catalog = Api.unique("ml");
    ops.createCatalog(catalog, null);
    ops.createSchema(catalog, "prod", null);
    ops.createSchema(catalog, "dev", null);
    RegisteredModelInfo model = ops.createModel(catalog, "prod", "churn", "first");
    assertThat(model.fullName()).isEqualTo(catalog + ".prod.churn");
    ops.createModel(catalog, "dev", "ranker", null);
    assertThat(ops.listModels(catalog, "prod", 1)).extracting(RegisteredModelInfo::name).containsExactly("churn");
    assertThat(ops.listModels(catalog, null, 1)).extracting(RegisteredModelInfo::fullName)
        .containsExactly(catalog + ".dev.ranker", catalog + ".prod.churn");
    assertThat(ops.updateModel(catalog + ".prod.churn", "churn2", "second", null).comment()).isEqualTo("second");
    String full = catalog + ".prod.churn2";
    assertThat(ops.getModel(full).id()).isEqualTo(model.id());

    ModelVersionInfo v1 = ops.createModelVersion(catalog, "prod", "churn2", "s3://runs/1");
    assertThat(v1.version()).isEqualTo(1L);
    assertThat(v1.status()).isEqualTo("PENDING_REGISTRATION");
    ops.createModelVersion(catalog, "prod", "churn2", "s3://runs/2");
    assertThat(ops.finalizeModelVersion(full, 1).status()).isEqualTo("READY");
    assertFails(Failure.INVALID, () -> ops.finalizeModelVersion(full, 1));
    assertThat(ops.listModelVersions(full, 1)).extracting(ModelVersionInfo::version).containsExactly(1L, 2L);

    User user = newUser("suite-ml");
    ops.grant("catalog", catalog, user.email(), List.of("USE CATALOG", "USE SCHEMA"));
    assertThat(user.ops().listModels(catalog, "prod", 0)).isEmpty();
    assertFails(Failure.PERMISSION_DENIED, () -> user.ops().listModelVersions(full, 0));
    ops.grant("registered_model", full, user.email(), List.of("EXECUTE"));
    assertThat(user.ops().listModels(catalog, null, 0)).extracting(RegisteredModelInfo::name).containsExactly("churn2");
    assertThat(user.ops().listModelVersions(full, 0)).hasSize(2);
    assertFails(Failure.PERMISSION_DENIED, () -> user.ops().finalizeModelVersion(full, 2));
    assertThat(ops.updateModel(full, null, null, user.email()).owner()).isEqualTo(user.email());
    assertThat(user.ops().finalizeModelVersion(full, 2).status()).isEqualTo("READY");

    assertFails(Failure.INVALID, () -> ops.deleteModel(full, false));
    ops.deleteModel(full, true);
    assertFails(Failure.NOT_FOUND, () -> ops.getModel(full));
  }

  @Test
  void sqlScriptsRunAsTheCaller() {
    Operations ops = admin();
    User user = newUser("sql-user");
    String catalog = Api.unique("sql");
    SqlResult result = ops.sql("CREATE CATALOG " + catalog + "; CREATE SCHEMA " + catalog + ".s;\n"
        + "GRANT USE CATALOG ON CATALOG " + catalog + " TO `" + user.email() + "`;\n"
        + "SHOW GRANTS ON CATALOG " + catalog);
    assertThat(result.status()).isEqualTo("SUCCEEDED");
    assertThat(result.results()).hasSize(4);
    StatementResult show = result.results().get(3);
    assertThat(show.line()).isEqualTo(3);
    assertThat(show.columns()).extracting(c -> c.name()).startsWith("principal", "action_type");
    assertThat(show.rows()).anySatisfy(row -> assertThat(row).startsWith(user.email(), "USE CATALOG"));
    assertThat(ops.getSchema(catalog + ".s").catalogName()).isEqualTo(catalog);

    List<List<String>> visible = user.ops().sql("SHOW CATALOGS").results().get(0).rows();
    assertThat(visible).anySatisfy(row -> assertThat(row).contains(catalog));
    assertFails(Failure.PERMISSION_DENIED, () -> user.ops().sql("CREATE SCHEMA " + catalog + ".mine"));
  }

  @Test
  void whoamiNamesTheCaller() {
    Identity admin = admin().whoami();
    assertThat(admin.name()).isEqualTo("admin");
    assertThat(admin.type()).isEqualTo("USER");
    assertThat(admin.groups()).contains("admins");
    User user = newUser("whoami");
    Identity me = user.ops().whoami();
    assertThat(me.name()).isEqualTo(user.email());
    assertThat(me.active()).isTrue();
  }

  @Test
  void aCreatedTokenWorksUntilItIsRevoked() {
    User user = newUser("token-user");
    CreatedToken created = user.ops().createToken("suite token");
    assertThat(created.tokenValue()).startsWith("gat_");
    String id = created.tokenInfo().tokenId();
    assertThat(user.ops().listTokens()).extracting(TokenInfo::tokenId).contains(id);
    assertThat(user.ops().listTokens()).filteredOn(t -> t.tokenId().equals(id)).singleElement()
        .satisfies(t -> assertThat(t.comment()).isEqualTo("suite token"));

    Operations withToken = operations(created.tokenValue());
    assertThat(withToken.whoami().name()).isEqualTo(user.email());
    user.ops().revokeToken(id);
    assertFails(Failure.UNAUTHENTICATED, withToken::whoami);
    assertThat(user.ops().listTokens()).extracting(TokenInfo::tokenId).doesNotContain(id);
    assertFails(Failure.NOT_FOUND, () -> user.ops().revokeToken(id));
  }
}
