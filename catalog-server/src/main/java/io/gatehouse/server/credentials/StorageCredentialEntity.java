package io.gatehouse.server.credentials;

import io.gatehouse.server.catalog.SecurableEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

@Entity
@Table(name = "storage_credentials")
public class StorageCredentialEntity extends SecurableEntity {
  @Column(nullable = false)
  public String purpose = "STORAGE";

  @Column(name = "role_arn", nullable = false)
  public String roleArn;

  @Column(name = "external_id", nullable = false)
  public String externalId;

  @Enumerated(EnumType.STRING)
  @Column(name = "access_mode", nullable = false)
  public AccessMode accessMode = AccessMode.CATALOG_ROLE;

  public static StorageCredentialEntity findByName(String name) {
    return find("lower(name) = ?1", name.toLowerCase(java.util.Locale.ROOT)).firstResult();
  }
}
