package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.lineage.Lineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.OpenLineageClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link SnapshotAfterWrite} skips the version read after endpoints marked {@link
 * LeavesPoliciesUnchanged}. That is safe only while they indeed move no policy version: were one
 * to change a securable, a grant or a membership, the caller's next request could be decided on
 * the snapshot before it. Each marked endpoint is driven here, in every way it writes, and the
 * database's version must not move.
 */
@QuarkusTest
class LeavesPoliciesUnchangedTest {
  @Inject
  AgroalDataSource dataSource;

  private long databaseVersion() throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM policy_state WHERE id = 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void onlyLineageIngestionIsMarked() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.gatehouse.server");
    var marked = new TreeSet<String>();
    classes.forEach(c -> {
      if (c.isAnnotatedWith(LeavesPoliciesUnchanged.class)) {
        marked.add(c.getName());
      }
      c.getMethods().stream().filter(m -> m.isAnnotatedWith(LeavesPoliciesUnchanged.class)).forEach(m -> marked.add(m.getFullName()));
    });
    // A new entry here needs its own case below.
    assertThat(marked).containsExactly("io.gatehouse.server.lineage.LineageIngestResource");
  }

  /**
   * A pipeline's first events (its token's first use), events whose datasets map to a catalog
   * table, a batch, and events refused as invalid: the version stays where it was.
   */
  @Test
  void lineageIngestionMovesNoPolicyVersion() throws Exception {
    String schema = Api.schema();
    String catalog = schema.substring(0, schema.indexOf('.'));
    String location = "s3://leaves-unchanged/" + Api.unique("t");
    Api.post("/tables", Api.externalTable(catalog, schema.substring(catalog.length() + 1), "mapped", location)).statusCode(200);
    String token = Lineage.pipelineToken();
    String ns = Lineage.ns("unchanged");
    long before = databaseVersion();

    OpenLineageClient client = Lineage.client(token);
    // Mapped by location, and by full name.
    Lineage.runJob(client, ns, "copy", List.of(Lineage.in("s3://leaves-unchanged", location.substring("s3://leaves-unchanged/".length()))),
        List.of(Lineage.out(ns, schema + ".mapped", List.of("id"), new LinkedHashMap<>())));
    String event = OpenLineageClientUtils.toJson(Lineage.run(ns, "batch", UUID.randomUUID(), EventType.COMPLETE, 1,
        List.of(Lineage.in(ns, "a")), List.of()));
    Identities.as(token).contentType("application/json").body("[" + event + "," + event.replace("\"batch\"", "\"batch2\"") + "]")
        .post("/api/v1/lineage/batch").then().statusCode(201);
    Identities.as(token).contentType("application/json").body("{\"eventTime\": 3}").post("/api/v1/lineage").then().statusCode(400);
    Identities.as(token).contentType("application/json").body("[" + event + ", {}]").post("/api/v1/lineage/batch").then()
        .statusCode(400);

    assertThat(databaseVersion()).isEqualTo(before);
    // The version read works: a write that moves it is seen.
    Api.post("/tables", Api.externalTable(catalog, schema.substring(catalog.length() + 1), "moves",
        "s3://leaves-unchanged/" + Api.unique("m"))).statusCode(200);
    assertThat(databaseVersion()).isGreaterThan(before);
  }
}
