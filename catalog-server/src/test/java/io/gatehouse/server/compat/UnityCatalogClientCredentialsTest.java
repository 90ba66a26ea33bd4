package io.gatehouse.server.compat;

import static io.gatehouse.server.compat.UcCompat.apiError;
import static io.gatehouse.server.compat.UcCompat.assertUuid;
import static io.gatehouse.server.compat.UcCompat.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.credentials.testing.CephTestServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.unitycatalog.client.ApiClient;
import io.unitycatalog.client.ApiException;
import io.unitycatalog.client.api.CredentialsApi;
import io.unitycatalog.client.api.ExternalLocationsApi;
import io.unitycatalog.client.api.TablesApi;
import io.unitycatalog.client.api.TemporaryCredentialsApi;
import io.unitycatalog.client.api.VolumesApi;
import io.unitycatalog.client.model.AwsIamRoleRequest;
import io.unitycatalog.client.model.ColumnInfo;
import io.unitycatalog.client.model.ColumnTypeName;
import io.unitycatalog.client.model.CreateCredentialRequest;
import io.unitycatalog.client.model.CreateExternalLocation;
import io.unitycatalog.client.model.CreateTable;
import io.unitycatalog.client.model.CreateVolumeRequestContent;
import io.unitycatalog.client.model.CredentialInfo;
import io.unitycatalog.client.model.CredentialPurpose;
import io.unitycatalog.client.model.DataSourceFormat;
import io.unitycatalog.client.model.ExternalLocationInfo;
import io.unitycatalog.client.model.GenerateTemporaryPathCredential;
import io.unitycatalog.client.model.GenerateTemporaryTableCredential;
import io.unitycatalog.client.model.GenerateTemporaryVolumeCredential;
import io.unitycatalog.client.model.PathOperation;
import io.unitycatalog.client.model.SchemaInfo;
import io.unitycatalog.client.model.TableOperation;
import io.unitycatalog.client.model.TableType;
import io.unitycatalog.client.model.TemporaryCredentials;
import io.unitycatalog.client.model.UpdateCredentialRequest;
import io.unitycatalog.client.model.UpdateExternalLocation;
import io.unitycatalog.client.model.VolumeOperation;
import io.unitycatalog.client.model.VolumeType;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Credentials, external locations and temporary credentials through the unmodified Unity Catalog
 * OSS 0.6.0 client, the vended credentials used on the test radosgw.
 */
@QuarkusTest
class UnityCatalogClientCredentialsTest {
  @TestHTTPResource("/")
  URL url;

  private ApiClient client;
  private CredentialsApi credentials;
  private ExternalLocationsApi locations;
  private TemporaryCredentialsApi temporary;

  @BeforeEach
  void connect() {
    client = UcCompat.client(url);
    credentials = new CredentialsApi(client);
    locations = new ExternalLocationsApi(client);
    temporary = new TemporaryCredentialsApi(client);
  }

  @Test
  void credentialRoundTripsThroughTheClient() throws ApiException {
    String name = unique("cred");
    CredentialInfo created = credentials.createCredential(new CreateCredentialRequest().name(name).comment("lake")
        .purpose(CredentialPurpose.STORAGE).awsIamRole(new AwsIamRoleRequest().roleArn("arn:aws:iam::123456789012:role/uc")));
    assertThat(created.getName()).isEqualTo(name);
    assertThat(created.getFullName()).isEqualTo(name);
    assertThat(created.getPurpose()).isEqualTo(CredentialPurpose.STORAGE);
    assertThat(created.getAwsIamRole().getRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/uc");
    assertThat(created.getAwsIamRole().getExternalId()).isNotBlank();
    assertUuid(created.getId());
    assertThat(credentials.getCredential(name).getComment()).isEqualTo("lake");
    assertThat(credentials.listCredentials(1000, null, CredentialPurpose.STORAGE).getCredentials())
        .extracting(CredentialInfo::getName).contains(name);
    CredentialInfo updated = credentials.updateCredential(name, new UpdateCredentialRequest().newName(name + "_2").comment("moved"));
    assertThat(updated.getName()).isEqualTo(name + "_2");
    credentials.deleteCredential(name + "_2", false);
    apiError(404, "NOT_FOUND", () -> credentials.getCredential(name + "_2"));
  }

  @Test
  void externalLocationRoundTripsThroughTheClient() throws ApiException {
    String credential = unique("cred");
    credentials.createCredential(new CreateCredentialRequest().name(credential)
        .awsIamRole(new AwsIamRoleRequest().roleArn("arn:aws:iam::123456789012:role/uc")));
    String name = unique("loc");
    String bucket = "uc-" + UUID.randomUUID().toString().substring(0, 8);
    ExternalLocationInfo created = locations.createExternalLocation(new CreateExternalLocation().name(name)
        .url("s3://" + bucket + "/raw").credentialName(credential).comment("raw zone"));
    assertThat(created.getUrl()).isEqualTo("s3://" + bucket + "/raw");
    assertThat(created.getCredentialName()).isEqualTo(credential);
    assertUuid(created.getCredentialId());
    assertThat(locations.listExternalLocations(1000, null).getExternalLocations())
        .extracting(ExternalLocationInfo::getName).contains(name);
    assertThat(locations.updateExternalLocation(name, new UpdateExternalLocation().url("s3://" + bucket + "/curated")).getUrl())
        .isEqualTo("s3://" + bucket + "/curated");
    locations.deleteExternalLocation(name, false);
    apiError(404, "NOT_FOUND", () -> locations.getExternalLocation(name));
  }

  @Test
  void temporaryCredentialsFromTheClientWorkOnRadosgw() throws ApiException {
    CephTestServer ceph = CephTestServer.get();
    S3Client admin = ceph.s3(ceph.admin);
    String bucket = "uc-" + UUID.randomUUID().toString().substring(0, 8);
    admin.createBucket(b -> b.bucket(bucket));
    admin.putObject(b -> b.bucket(bucket).key("t/part-0.parquet"), RequestBody.fromString("rows"));
    admin.putObject(b -> b.bucket(bucket).key("v/file.csv"), RequestBody.fromString("a,b"));
    String credential = unique("cred");
    credentials.createCredential(new CreateCredentialRequest().name(credential)
        .awsIamRole(new AwsIamRoleRequest().roleArn(CephTestServer.CATALOG_ROLE)));
    locations.createExternalLocation(new CreateExternalLocation().name(unique("loc")).url("s3://" + bucket).credentialName(credential));
    SchemaInfo schema = UcCompat.createSchema(client);
    String tableId = new TablesApi(client).createTable(new CreateTable().name(unique("t")).catalogName(schema.getCatalogName())
        .schemaName(schema.getName()).tableType(TableType.EXTERNAL).dataSourceFormat(DataSourceFormat.DELTA)
        .storageLocation("s3://" + bucket + "/t")
        .columns(List.of(new ColumnInfo().name("id").typeName(ColumnTypeName.LONG).typeText("bigint").typeJson("{}").position(0))))
        .getTableId();

    TemporaryCredentials table = temporary.generateTemporaryTableCredentials(
        new GenerateTemporaryTableCredential().tableId(tableId).operation(TableOperation.READ));
    assertThat(table.getUrl()).isEqualTo("s3://" + bucket + "/t");
    assertThat(table.getExpirationTime()).isGreaterThan(System.currentTimeMillis());
    assertThat(read(ceph, table, bucket, "t/part-0.parquet")).isEqualTo("rows");

    String volumeId = new VolumesApi(client).createVolume(new CreateVolumeRequestContent().name(unique("v"))
        .catalogName(schema.getCatalogName()).schemaName(schema.getName()).volumeType(VolumeType.EXTERNAL)
        .storageLocation("s3://" + bucket + "/v")).getVolumeId();
    TemporaryCredentials volume = temporary.generateTemporaryVolumeCredentials(
        new GenerateTemporaryVolumeCredential().volumeId(volumeId).operation(VolumeOperation.READ_VOLUME));
    assertThat(read(ceph, volume, bucket, "v/file.csv")).isEqualTo("a,b");

    TemporaryCredentials path = temporary.generateTemporaryPathCredentials(
        new GenerateTemporaryPathCredential().url("s3://" + bucket + "/landing").operation(PathOperation.PATH_READ_WRITE));
    ceph.s3(path.getAwsTempCredentials().getAccessKeyId(), path.getAwsTempCredentials().getSecretAccessKey(),
            path.getAwsTempCredentials().getSessionToken())
        .putObject(b -> b.bucket(bucket).key("landing/new.json"), RequestBody.fromString("{}"));
  }

  private static String read(CephTestServer ceph, TemporaryCredentials c, String bucket, String key) {
    return ceph.s3(c.getAwsTempCredentials().getAccessKeyId(), c.getAwsTempCredentials().getSecretAccessKey(),
            c.getAwsTempCredentials().getSessionToken())
        .getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }
}
