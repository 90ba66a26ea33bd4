package io.gatehouse.server.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.catalog.SecurableEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "storage_credentials")
public class StorageCredentialEntity extends SecurableEntity {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Column(nullable = false)
  public String purpose = "STORAGE";

  @Column(name = "role_arn", nullable = false)
  public String roleArn;

  @Column(name = "external_id", nullable = false)
  public String externalId;

  @Enumerated(EnumType.STRING)
  @Column(name = "access_mode", nullable = false)
  public AccessMode accessMode = AccessMode.CATALOG_ROLE;

  /** SCIM_PASSTHROUGH: data roles besides {@link #roleArn} whose SCIM holders this credential serves (a JSON array). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "data_role_arns", nullable = false)
  String dataRoleArnsJson = "[]";

  public List<String> dataRoleArns() {
    try {
      return List.of(JSON.readValue(dataRoleArnsJson, String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored data_role_arns are not readable", e);
    }
  }

  public void dataRoleArns(List<String> arns) {
    try {
      dataRoleArnsJson = JSON.writeValueAsString(arns);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static StorageCredentialEntity findByName(String name) {
    return find("lower(name) = ?1", name.toLowerCase(java.util.Locale.ROOT)).firstResult();
  }

  /** OPEN: reached from every workspace; ISOLATED: only from the workspaces bound to it. */
  @jakarta.persistence.Column(name = "isolation_mode", nullable = false)
  public String isolationMode = "OPEN";
}
