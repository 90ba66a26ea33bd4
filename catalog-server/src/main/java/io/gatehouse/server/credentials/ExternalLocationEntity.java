package io.gatehouse.server.credentials;

import io.gatehouse.server.catalog.SecurableEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "external_locations")
public class ExternalLocationEntity extends SecurableEntity {
  @Column(nullable = false)
  public String url;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "credential_id", nullable = false)
  public StorageCredentialEntity credential;

  /** AWS_SSE_S3 or AWS_SSE_KMS when the location's objects are encrypted so; null when not said. */
  @Column(name = "sse_algorithm")
  public String sseAlgorithm;

  /** The customer-managed key of AWS_SSE_KMS: vended credentials may use it, and no other key. */
  @Column(name = "kms_key_arn")
  public String kmsKeyArn;

  public static ExternalLocationEntity findByName(String name) {
    return find("from ExternalLocationEntity x join fetch x.credential where lower(x.name) = ?1",
        name.toLowerCase(java.util.Locale.ROOT)).firstResult();
  }

  /** OPEN: reached from every workspace; ISOLATED: only from the workspaces bound to it. */
  @jakarta.persistence.Column(name = "isolation_mode", nullable = false)
  public String isolationMode = "OPEN";
}
