package io.gatehouse.spark;

/** Gatehouse refused what the query needs (a privilege, credentials, or the policy's application). */
public class GatehouseAccessException extends SecurityException {
  public GatehouseAccessException(String message) {
    super(message);
  }

  public GatehouseAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
