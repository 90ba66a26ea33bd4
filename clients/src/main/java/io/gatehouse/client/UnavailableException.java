package io.gatehouse.client;

/** The server is unavailable or unreachable: HTTP 503 (with Retry-After), gRPC UNAVAILABLE, or a connection that could not be made. */
public class UnavailableException extends GatehouseException {
  public UnavailableException(Details details) {
    super(details);
  }
}
