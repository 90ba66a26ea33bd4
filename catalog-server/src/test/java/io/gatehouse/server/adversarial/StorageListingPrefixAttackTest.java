package io.gatehouse.server.adversarial;

import static io.gatehouse.server.adversarial.StorageAttacks.pathCredentials;
import static io.gatehouse.server.adversarial.StorageAttacks.volumeCredentials;
import static io.gatehouse.server.credentials.LakeWorld.status;
import static io.gatehouse.server.credentials.LakeWorld.tableCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.credentials.LakeWorld;
import io.gatehouse.server.credentials.Storage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Vended credentials list only below their prefix: never with the bare prefix, which would also
 * list a sibling sharing the name's start ({@code orders_archive} beside {@code orders}), for
 * table, volume and path credentials, reading and writing.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class StorageListingPrefixAttackTest {
  static LakeWorld lake;

  @BeforeEach
  void lake() {
    lake = LakeWorld.get();
  }

  /** The listings that must fail and the one that must work, for credentials of {@code prefix}. */
  void listsOnlyBelow(S3Client s3, String prefix) {
    assertThat(s3.listObjectsV2(b -> b.bucket(lake.bucket).prefix(prefix + "/")).contents()).hasSize(1);
    for (String outside : List.of(prefix, prefix + "_", prefix + "_archive/", prefix.substring(0, prefix.lastIndexOf('/') + 1))) {
      assertThat(status(() -> s3.listObjectsV2(b -> b.bucket(lake.bucket).prefix(outside)))).as(outside).isEqualTo(403);
    }
  }

  @Test
  void tableCredentialsNeverListTheSiblingSharingTheNamesStart() {
    String orders = Api.unique("orders");
    String id = lake.table(orders, "warehouse/" + orders);
    lake.table(orders + "_archive", "warehouse/" + orders + "_archive");
    String reader = Storage.user("lister");
    lake.outsideEngine(reader);
    Storage.grant("table", lake.fullName(orders), reader, "SELECT", "MODIFY");
    for (String operation : List.of("READ", "READ_WRITE")) {
      listsOnlyBelow(lake.s3(tableCredentials(Storage.as(reader), id, operation)), "warehouse/" + orders);
    }
  }

  @Test
  void volumeCredentialsNeverListTheSiblingSharingTheNamesStart() {
    String landing = Api.unique("landing");
    lake.put("warehouse/" + landing + "/f.csv", "a");
    lake.put("warehouse/" + landing + "_archive/f.csv", "b");
    String id = Api.post("/volumes", Map.of("catalog_name", lake.catalog, "schema_name", lake.schema, "name", landing,
        "volume_type", "EXTERNAL", "storage_location", lake.url("warehouse/" + landing))).statusCode(200).extract().path("volume_id");
    String user = Storage.user("vollister");
    lake.outsideEngine(user);
    Storage.grant("volume", lake.fullName(landing), user, "READ VOLUME", "WRITE VOLUME");
    for (String operation : List.of("READ_VOLUME", "WRITE_VOLUME")) {
      listsOnlyBelow(lake.s3(volumeCredentials(Storage.as(user), id, operation)), "warehouse/" + landing);
    }
  }

  @Test
  void pathCredentialsNeverListTheSiblingSharingTheNamesStart() {
    String drop = "warehouse/" + Api.unique("drop");
    lake.put(drop + "/in.csv", "a");
    lake.put(drop + "_archive/in.csv", "b");
    String user = Storage.user("pathlister");
    Storage.grant("external_location", lake.location, user, "READ FILES", "WRITE FILES");
    for (String operation : List.of("PATH_READ", "PATH_READ_WRITE")) {
      listsOnlyBelow(lake.s3(pathCredentials(Storage.as(user), lake.url(drop), operation)), drop);
    }
  }
}
