package io.gatehouse.client;

/** The server failed; the message carries only the request id to quote (HTTP 500, gRPC INTERNAL). */
public class InternalException extends GatehouseException {
  public InternalException(Details details) {
    super(details);
  }
}
