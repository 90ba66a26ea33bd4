/**
 * Plain-Java credential vending: scoped AWS STS session credentials behind a seam, with caching; filled by the credential-vending issue.
 */
package io.gatehouse.credentials;
