package io.gatehouse.server.sql.parse;

import static io.gatehouse.server.sql.parse.Sql.assertParsesAs;
import static io.gatehouse.server.sql.parse.Sql.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.sql.parse.Statement.Deny;
import io.gatehouse.server.sql.parse.Statement.Grant;
import io.gatehouse.server.sql.parse.Statement.Revoke;
import io.gatehouse.server.sql.parse.Statement.RevokeDeny;
import io.gatehouse.server.sql.parse.Statement.SetOwner;
import io.gatehouse.server.sql.parse.Statement.ShowGrants;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrantStatementsTest {

  @Test
  void grantOnTableToBackquotedGroup() {
    assertParsesAs("GRANT SELECT ON TABLE main.sales.orders TO `analysts`",
        new Grant(List.of("SELECT"), SecurableKind.TABLE, name("main", "sales", "orders"), "analysts", null));
  }

  @Test
  void grantsSeveralMultiwordPrivilegesAtOnce() {
    Grant grant = Sql.one("grant use catalog, USE SCHEMA, Create Table, READ VOLUME ON CATALOG main TO `data eng`",
        Grant.class);
    assertThat(grant.privileges()).containsExactly("USE_CATALOG", "USE_SCHEMA", "CREATE_TABLE", "READ_VOLUME");
    assertThat(grant.principal()).isEqualTo("data eng");
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      "USE CATALOG | USE_CATALOG",
      "use_catalog | USE_CATALOG",
      "`USE CATALOG` | USE_CATALOG",
      "USE SCHEMA | USE_SCHEMA",
      "BROWSE | BROWSE",
      "SELECT | SELECT",
      "MODIFY | MODIFY",
      "CREATE CATALOG | CREATE_CATALOG",
      "CREATE SCHEMA | CREATE_SCHEMA",
      "CREATE TABLE | CREATE_TABLE",
      "CREATE VOLUME | CREATE_VOLUME",
      "CREATE FUNCTION | CREATE_FUNCTION",
      "CREATE MODEL | CREATE_MODEL",
      "EXECUTE | EXECUTE",
      "READ VOLUME | READ_VOLUME",
      "WRITE VOLUME | WRITE_VOLUME",
      "CREATE EXTERNAL LOCATION | CREATE_EXTERNAL_LOCATION",
      "CREATE STORAGE CREDENTIAL | CREATE_STORAGE_CREDENTIAL",
      "CREATE EXTERNAL TABLE | CREATE_EXTERNAL_TABLE",
      "READ FILES | READ_FILES",
      "WRITE FILES | WRITE_FILES",
      "EXTERNAL USE SCHEMA | EXTERNAL_USE_SCHEMA",
      "MANAGE | MANAGE",
      "ALL PRIVILEGES | ALL_PRIVILEGES",
      "all privileges | ALL_PRIVILEGES",
      "ALL | ALL_PRIVILEGES",
      "All_Privileges | ALL_PRIVILEGES",
  })
  void privilegesAreKeptByTheirCanonicalName(String written, String canonical) {
    Grant grant = Sql.one("GRANT " + written + " ON SCHEMA main.sales TO alice", Grant.class);
    assertThat(grant.privileges()).containsExactly(canonical);
  }

  @Test
  void unknownPrivilegeIsKeptAsWrittenForTheExecutorToRefuse() {
    Grant grant = Sql.one("GRANT Read Metadata, USAGE, select ON TABLE t TO alice", Grant.class);
    assertThat(grant.privileges()).containsExactly("Read Metadata", "USAGE", "SELECT");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "CATALOG main | CATALOG | main",
      "SCHEMA main.sales | SCHEMA | main.sales",
      "DATABASE sales | SCHEMA | sales",
      "TABLE main.sales.orders | TABLE | main.sales.orders",
      "VIEW main.sales.v | VIEW | main.sales.v",
      "VOLUME main.raw.files | VOLUME | main.raw.files",
      "FUNCTION main.sec.mask_email | FUNCTION | main.sec.mask_email",
      "MODEL main.ml.churn | MODEL | main.ml.churn",
      "EXTERNAL LOCATION landing | EXTERNAL_LOCATION | landing",
      "STORAGE CREDENTIAL s3_role | STORAGE_CREDENTIAL | s3_role",
  })
  void grantsOnEverySecurableKind(String securable, SecurableKind kind, String name) {
    Grant grant = Sql.one("GRANT BROWSE ON " + securable + " TO alice", Grant.class);
    assertThat(grant.securable()).isEqualTo(kind);
    assertThat(grant.name().toString()).isEqualTo(name);
  }

  @Test
  void grantOnMetastoreHasNoName() {
    assertParsesAs("GRANT CREATE CATALOG ON METASTORE TO admins",
        new Grant(List.of("CREATE_CATALOG"), SecurableKind.METASTORE, null, "admins", null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "`analysts` | analysts",
      "analysts | analysts",
      "`alice@example.com` | alice@example.com",
      "'alice@example.com' | alice@example.com",
      "`account users` | account users",
      "`odd``name` | odd`name",
      "'it''s' | it's",
      "Admins | Admins",
  })
  void principalsAreBackquotedPlainOrStrings(String written, String principal) {
    Grant grant = Sql.one("GRANT SELECT ON TABLE t TO " + written, Grant.class);
    assertThat(grant.principal()).isEqualTo(principal);
  }

  @Test
  void principalMayBeADoubleQuotedString() {
    assertThat(Sql.one("GRANT SELECT ON TABLE t TO \"alice@example.com\"", Grant.class).principal())
        .isEqualTo("alice@example.com");
  }

  @Test
  void revokeFromPrincipal() {
    assertParsesAs("REVOKE ALL PRIVILEGES ON SCHEMA main.sales FROM 'bob@example.com'",
        new Revoke(List.of("ALL_PRIVILEGES"), SecurableKind.SCHEMA, name("main", "sales"), "bob@example.com", null));
  }

  @Test
  void denyAndRevokeDeny() {
    assertParsesAs("DENY SELECT, MODIFY ON TABLE t TO `contractors`",
        new Deny(List.of("SELECT", "MODIFY"), SecurableKind.TABLE, name("t"), "contractors", null));
    assertParsesAs("REVOKE DENY SELECT ON TABLE t FROM `contractors`",
        new RevokeDeny(List.of("SELECT"), SecurableKind.TABLE, name("t"), "contractors", null));
  }

  @Test
  void revokeOfAPrivilegeNamedDenyIsARevoke() {
    assertParsesAs("REVOKE DENY ON TABLE t FROM x",
        new Revoke(List.of("DENY"), SecurableKind.TABLE, name("t"), "x", null));
  }

  @Test
  void showGrantsOnASecurableForEveryoneOrOnePrincipal() {
    assertParsesAs("SHOW GRANTS ON TABLE main.sales.orders",
        new ShowGrants(null, SecurableKind.TABLE, name("main", "sales", "orders"), null));
    assertParsesAs("SHOW GRANTS `alice@example.com` ON SCHEMA main.sales",
        new ShowGrants("alice@example.com", SecurableKind.SCHEMA, name("main", "sales"), null));
    assertParsesAs("show grants 'bob' on catalog main",
        new ShowGrants("bob", SecurableKind.CATALOG, name("main"), null));
  }

  @Test
  void showGrantsOnMetastoreAndToAPrincipal() {
    assertParsesAs("SHOW GRANTS ON METASTORE", new ShowGrants(null, SecurableKind.METASTORE, null, null));
    assertParsesAs("SHOW GRANTS TO `analysts`", new ShowGrants("analysts", null, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ALTER CATALOG main OWNER TO `admins` | CATALOG | main",
      "ALTER SCHEMA main.sales SET OWNER TO `admins` | SCHEMA | main.sales",
      "ALTER DATABASE sales OWNER TO `admins` | SCHEMA | sales",
      "ALTER TABLE main.sales.orders OWNER TO `admins` | TABLE | main.sales.orders",
      "ALTER VIEW v SET OWNER TO `admins` | VIEW | v",
      "ALTER VOLUME main.raw.files OWNER TO `admins` | VOLUME | main.raw.files",
      "ALTER FUNCTION f OWNER TO `admins` | FUNCTION | f",
      "ALTER MODEL m OWNER TO `admins` | MODEL | m",
      "ALTER EXTERNAL LOCATION landing OWNER TO `admins` | EXTERNAL_LOCATION | landing",
      "ALTER STORAGE CREDENTIAL role OWNER TO `admins` | STORAGE_CREDENTIAL | role",
  })
  void ownershipTransferOnEveryKind(String sql, SecurableKind kind, String name) {
    SetOwner owner = Sql.one(sql, SetOwner.class);
    assertThat(owner.securable()).isEqualTo(kind);
    assertThat(owner.name().toString()).isEqualTo(name);
    assertThat(owner.owner()).isEqualTo("admins");
  }
}
