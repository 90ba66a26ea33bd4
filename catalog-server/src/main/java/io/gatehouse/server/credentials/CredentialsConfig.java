package io.gatehouse.server.credentials;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Credential vending: where STS is, who the catalog is there, and how credentials are cut and kept. */
@ConfigMapping(prefix = "gatehouse.credentials")
public interface CredentialsConfig {
  Sts sts();

  /** Lifetime asked of STS for vended credentials (15 minutes to 12 hours). */
  @WithDefault("1h")
  Duration defaultDuration();

  /**
   * Catalog-role and SCIM sessions name the principal (RoleSessionName, SourceIdentity, a session
   * tag), so storage logs attribute every access; credentials are then cached per principal.
   * Off: one session per role and scope, shared by every principal, named "gatehouse".
   */
  @WithDefault("true")
  boolean perPrincipalSessions();

  /** Tag sessions with the catalog, schema and table (or volume, or path) they were vended for. */
  @WithDefault("true")
  boolean sessionTags();

  /** Send the principal as SourceIdentity (with per-principal sessions). */
  @WithDefault("true")
  boolean sourceIdentity();

  Cache cache();

  Retry retry();

  /**
   * SCIM passthrough: group name to the ARN of the data role its members get, e.g.
   * {@code gatehouse.credentials.group-roles."data engineers"=arn:aws:iam::123:role/engineers}.
   */
  Map<String, String> groupRoles();

  /**
   * SCIM passthrough for a principal that holds no SCIM role (instance profile) serving the
   * storage credential: on, {@code group-roles} is consulted as before instance profiles existed;
   * off, the request is refused.
   */
  @WithDefault("true")
  boolean groupRolesFallback();

  Saml saml();

  /**
   * Principals and groups that are the platform's own engines. Every other principal is an
   * outside engine and needs EXTERNAL USE SCHEMA on the schema, as in Databricks.
   */
  Optional<List<String>> trustedEngines();

  /**
   * Refuse tables, volumes and catalog or schema storage roots at a location that no external
   * location contains, as Databricks does. Off (the default), such locations are accepted, as
   * Unity Catalog OSS accepts them, and no credentials are ever vended for them.
   */
  @WithDefault("false")
  boolean requireExternalLocation();

  /** The ARN of the identity Gatehouse assumes roles with, shown as {@code unity_catalog_iam_arn}. */
  Optional<String> catalogIamArn();

  interface Sts {
    /** STS endpoint, e.g. a regional endpoint or a compatible server; unset: AWS STS of the region. */
    Optional<URI> endpoint();

    /**
     * Endpoint of AssumeRoleWithSAML; unset: {@code endpoint}. For an STS-compatible server that
     * lacks it (Ceph radosgw), point it at AWS STS.
     */
    Optional<URI> samlEndpoint();

    @WithDefault("us-east-1")
    String region();

    /** The catalog's access key; unset: the AWS SDK's default chain (environment, profile, instance role). */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();

    /** Connect, read and whole-call timeout of one STS call. */
    @WithDefault("10s")
    Duration timeout();
  }

  interface Cache {
    /** Most credentials kept; each lives at most half of its remaining lifetime. */
    @WithDefault("10000")
    long maximumSize();
  }

  interface Retry {
    /** STS calls per cache miss when STS throttles or cannot be reached. */
    @WithDefault("4")
    int maxAttempts();

    @WithDefault("100ms")
    Duration initialBackoff();

    @WithDefault("2s")
    Duration maxBackoff();
  }

  interface Saml {
    /** The SAML identity provider's signing certificate(s) (or public keys), PEM. */
    Optional<String> idpCertificate();

    /** A file holding {@code idp-certificate}. */
    Optional<String> idpCertificateFile();

    /** The audience assertions must name; AWS STS's is {@code urn:amazon:webservices}. */
    @WithDefault("urn:amazon:webservices")
    String audience();

    /** The identity provider's entity id, checked against the assertion's Issuer when set. */
    Optional<String> issuer();

    @WithDefault("60s")
    Duration clockSkew();

    /** Assertion ids remembered against replay. */
    @WithDefault("100000")
    long replayCacheSize();

    /**
     * At a SAML sign-in to the console, exchange the response at once (AssumeRoleWithSAML) for the
     * roles it names that SAML_PASSTHROUGH storage credentials serve, and serve the user's credential
     * requests from those sessions while they last.
     */
    @WithDefault("true")
    boolean signInExchange();

    /**
     * Lifetime asked of AssumeRoleWithSAML at sign-in (15 minutes to 12 hours; the role's maximum
     * session duration must allow it), never longer than the sign-in itself. AWS roles allow 1 hour
     * unless their MaxSessionDuration was raised.
     */
    @WithDefault("1h")
    Duration signInDuration();
  }
}
