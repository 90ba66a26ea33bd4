package io.gatehouse.server.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Wire shapes of Unity Catalog's credentials, external locations and temporary credentials
 * endpoints, as in UC OSS {@code api/all.yaml}. Gatehouse adds {@code access_mode} to a
 * credential (and {@code data_role_arns}, the further data roles a SCIM_PASSTHROUGH credential
 * serves), and {@code saml_response} and {@code role_arn} (the data role a SCIM passthrough
 * caller holding several wants) to the temporary-credential requests; UC clients neither send
 * nor need them.
 */
public final class CredentialsApi {
  private CredentialsApi() {}

  public enum CredentialPurpose { STORAGE }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record AwsIamRoleRequest(String roleArn) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AwsIamRoleResponse(String roleArn, String unityCatalogIamArn, String externalId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateCredentialRequest(
      String name, String comment, AwsIamRoleRequest awsIamRole, CredentialPurpose purpose, AccessMode accessMode,
      List<String> dataRoleArns) {
    public CreateCredentialRequest(
        String name, String comment, AwsIamRoleRequest awsIamRole, CredentialPurpose purpose, AccessMode accessMode) {
      this(name, comment, awsIamRole, purpose, accessMode, null);
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CredentialInfo(
      String name,
      AwsIamRoleResponse awsIamRole,
      String comment,
      String owner,
      String fullName,
      String id,
      Long createdAt,
      String createdBy,
      Long updatedAt,
      String updatedBy,
      CredentialPurpose purpose,
      AccessMode accessMode,
      List<String> dataRoleArns,
      String isolationMode) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateCredentialRequest(
      String comment, String owner, AwsIamRoleRequest awsIamRole, String newName, AccessMode accessMode,
      List<String> dataRoleArns, String isolationMode) {
    public UpdateCredentialRequest(
        String comment, String owner, AwsIamRoleRequest awsIamRole, String newName, AccessMode accessMode) {
      this(comment, owner, awsIamRole, newName, accessMode, null, null);
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListCredentialsResponse(List<CredentialInfo> credentials, String nextPageToken) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record CreateExternalLocation(String name, String url, String credentialName, String comment,
      EncryptionDetails encryptionDetails) {}

  /** How the location's objects are encrypted at rest (Databricks: encryption_details). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EncryptionDetails(SseEncryptionDetails sseEncryptionDetails) {}

  /** {@code algorithm} AWS_SSE_S3 or AWS_SSE_KMS; {@code aws_kms_key_arn} the key of the latter. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SseEncryptionDetails(String algorithm, String awsKmsKeyArn) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExternalLocationInfo(
      String name,
      String id,
      String url,
      String credentialName,
      String comment,
      String owner,
      String credentialId,
      EncryptionDetails encryptionDetails,
      Long createdAt,
      String createdBy,
      Long updatedAt,
      String updatedBy,
      String isolationMode) {}

  /** {@code isolation_mode}: ISOLATION_MODE_OPEN or ISOLATION_MODE_ISOLATED, bound through the bindings API. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record UpdateExternalLocation(String url, String credentialName, String comment, String owner, String newName,
      EncryptionDetails encryptionDetails, String isolationMode) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ListExternalLocationsResponse(List<ExternalLocationInfo> externalLocations, String nextPageToken) {}

  public enum TableOperation { UNKNOWN_TABLE_OPERATION, READ, READ_WRITE }

  public enum VolumeOperation { UNKNOWN_VOLUME_OPERATION, READ_VOLUME, WRITE_VOLUME }

  public enum ModelVersionOperation { UNKNOWN_MODEL_VERSION_OPERATION, READ_MODEL_VERSION, READ_WRITE_MODEL_VERSION }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record GenerateTemporaryModelVersionCredential(String catalogName, String schemaName, String modelName,
      Long version, ModelVersionOperation operation, String samlResponse, String roleArn) {}

  public enum PathOperation { UNKNOWN_PATH_OPERATION, PATH_READ, PATH_READ_WRITE, PATH_CREATE_TABLE }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record GenerateTemporaryTableCredential(String tableId, TableOperation operation, String samlResponse, String roleArn) {
    public GenerateTemporaryTableCredential(String tableId, TableOperation operation, String samlResponse) {
      this(tableId, operation, samlResponse, null);
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record GenerateTemporaryVolumeCredential(String volumeId, VolumeOperation operation, String samlResponse,
      String roleArn) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record GenerateTemporaryPathCredential(String url, PathOperation operation, String samlResponse, String roleArn) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    @Override
    public String toString() {
      return "AwsCredentials[accessKeyId=" + accessKeyId + "]";
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TemporaryCredentials(AwsCredentials awsTempCredentials, Long expirationTime, String url) {}
}
