package io.gatehouse.client;

/** No credential, or one that is unknown, expired or revoked (HTTP 401, gRPC UNAUTHENTICATED). */
public class UnauthenticatedException extends GatehouseException {
  public UnauthenticatedException(Details details) {
    super(details);
  }
}
