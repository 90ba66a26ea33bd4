package io.gatehouse.client;

/** A name that is taken (HTTP 409 `ALREADY_EXISTS`, `CATALOG_ALREADY_EXISTS`, `SCHEMA_ALREADY_EXISTS`, `TABLE_ALREADY_EXISTS`; gRPC ALREADY_EXISTS); {@link #errorCode()} tells which. */
public class AlreadyExistsException extends GatehouseException {
  public AlreadyExistsException(Details details) {
    super(details);
  }
}
