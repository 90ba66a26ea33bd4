package io.gatehouse.engines.rck;

import io.gatehouse.engines.GatehouseServer;
import io.gatehouse.engines.GatehouseServer.Principal;
import io.gatehouse.engines.Lake;
import org.apache.iceberg.rest.RESTCompatibilityKitCatalogTests;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Apache Iceberg's REST Compatibility Kit (iceberg-open-api 1.10.0: iceberg-core's CatalogTests
 * through RESTCatalog) against the packaged server and radosgw. The kit reads its catalog
 * properties from system properties ({@code RCKUtils}); they are set here, before the kit's own
 * {@code @BeforeAll}, for a principal with every privilege on a fresh warehouse. Tests that
 * cannot pass by design are switched off below, each with its reason (also in docs/iceberg.md).
 */
@ExtendWith(GatehouseRckTest.Warehouse.class)
class GatehouseRckTest extends RESTCompatibilityKitCatalogTests {

  /** Starts the server, makes the warehouse and its principal, and points the kit at them. */
  static class Warehouse implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      Lake lake = Lake.get();
      GatehouseServer server = lake.server;
      String warehouse = lake.warehouse();
      Principal rck = server.principal("rck");
      server.grant("catalog", warehouse, rck.name(), "USE CATALOG", "CREATE SCHEMA", "USE SCHEMA", "EXTERNAL USE SCHEMA",
          "CREATE TABLE", "SELECT", "MODIFY", "MANAGE");
      System.setProperty("uri", server.icebergUri());
      System.setProperty("warehouse", warehouse);
      System.setProperty("token", rck.token());
      System.setProperty("rest.auth.type", "oauth2");
      System.setProperty("header.X-Iceberg-Access-Delegation", "vended-credentials");
      System.setProperty("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
      System.setProperty("rck.requires-namespace-create", "true");
      System.setProperty("rck.supports-names-with-dot", "false");
    }
  }

  // --- Switched off by design (docs/iceberg.md, "Engine tests") -----------------------------

  private static final String FILE_LOCATIONS =
      "tables at file: locations: Gatehouse keeps tables on object storage it vends credentials for, and refuses others";

  @Test
  @Override
  @Disabled(FILE_LOCATIONS)
  public void testCompleteCreateTable() {}

  @Test
  @Override
  @Disabled(FILE_LOCATIONS)
  public void testCreateTableWithDefaultColumnValue() {}

  @Test
  @Override
  @Disabled(FILE_LOCATIONS)
  public void testLoadTable() {}

  @Test
  @Override
  @Disabled(FILE_LOCATIONS)
  public void testCompleteCreateTransaction() {}

  @Test
  @Override
  @Disabled(FILE_LOCATIONS)
  public void testCompleteCreateTransactionV2() {}

  @Test
  @Override
  @Disabled(FILE_LOCATIONS)
  public void testCompleteCreateTransactionMultipleSchemas() {}

  @Test
  @Override
  @Disabled(FILE_LOCATIONS)
  public void testCompleteCreateOrReplaceTransactionCreate() {}

  @Test
  @Override
  @Disabled(FILE_LOCATIONS)
  public void testCompleteCreateOrReplaceTransactionReplace() {}

  @Test
  @Override
  @Disabled(FILE_LOCATIONS)
  public void testCompleteReplaceTransaction() {}

  private static final String REGISTER =
      "register-table is not served: it would adopt any metadata file, and the files it names, as a governed table";

  @Test
  @Override
  @Disabled(REGISTER)
  public void testRegisterTable() {}

  @Test
  @Override
  @Disabled(REGISTER)
  public void testRegisterExistingTable() {}

  private static final String SLASH =
      "names with '/': Gatehouse names are letters, digits, '_', '-' and '@', as on its other APIs";

  @Test
  @Override
  @Disabled(SLASH)
  public void testTableNameWithSlash() {}

  @Test
  @Override
  @Disabled(SLASH)
  public void testNamespaceWithSlash() {}
}
