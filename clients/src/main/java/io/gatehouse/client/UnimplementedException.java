package io.gatehouse.client;

/** The server does not offer the operation (HTTP 501 or 405, gRPC UNIMPLEMENTED). */
public class UnimplementedException extends GatehouseException {
  public UnimplementedException(Details details) {
    super(details);
  }
}
