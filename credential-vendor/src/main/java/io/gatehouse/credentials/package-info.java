/**
 * Scoped AWS STS credentials for storage paths: the least-privilege session policy of a set of
 * S3 locations and an operation ({@link io.gatehouse.credentials.SessionPolicy}), the seam around
 * STS ({@link io.gatehouse.credentials.StsGateway}, implemented with the AWS SDK by {@link
 * io.gatehouse.credentials.AwsStsGateway}), and the vendor that picks the role for a request,
 * caches what STS issued and retries throttled calls ({@link
 * io.gatehouse.credentials.CredentialVendor}). Plain Java: the server binds configuration to it.
 */
package io.gatehouse.credentials;
