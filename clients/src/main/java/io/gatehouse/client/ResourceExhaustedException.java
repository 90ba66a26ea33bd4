package io.gatehouse.client;

/** Too many requests, or a gRPC message over the size limit (HTTP 429, gRPC RESOURCE_EXHAUSTED). */
public class ResourceExhaustedException extends GatehouseException {
  public ResourceExhaustedException(Details details) {
    super(details);
  }
}
