package io.gatehouse.client;

/** The request is valid but the state refuses it: deleting a non-empty catalog without force (HTTP 400 `FAILED_PRECONDITION`, gRPC FAILED_PRECONDITION). */
public class FailedPreconditionException extends GatehouseException {
  public FailedPreconditionException(Details details) {
    super(details);
  }
}
