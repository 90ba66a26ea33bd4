package io.gatehouse.client;

/** A concurrent change won; the call may be repeated (HTTP 409 `ABORTED`, gRPC ABORTED or CANCELLED). */
public class AbortedException extends GatehouseException {
  public AbortedException(Details details) {
    super(details);
  }
}
