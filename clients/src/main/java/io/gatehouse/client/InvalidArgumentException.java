package io.gatehouse.client;

/** Bad input: a malformed name, a field of the wrong type, a SQL syntax error (HTTP 400 `INVALID_ARGUMENT`, gRPC INVALID_ARGUMENT); also 406 and 415. */
public class InvalidArgumentException extends GatehouseException {
  public InvalidArgumentException(Details details) {
    super(details);
  }
}
