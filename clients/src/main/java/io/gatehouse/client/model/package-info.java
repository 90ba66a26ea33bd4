/**
 * The wire shapes of the REST API as records, with the server's snake_case field names; unknown
 * fields are ignored, so newer servers can add fields.
 */
package io.gatehouse.client.model;
