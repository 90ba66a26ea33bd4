/**
 * SAML passthrough: validation of the SAML 2.0 response a caller presents (XML signature against
 * the configured identity provider's key with Apache Santuario, audience, validity window,
 * replay), and the AWS role and provider pairs its Role attribute names.
 */
package io.gatehouse.credentials.saml;
