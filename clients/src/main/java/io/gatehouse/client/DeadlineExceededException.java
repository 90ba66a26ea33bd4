package io.gatehouse.client;

/** The call ran out of time: the client's request timeout or the gRPC deadline passed. */
public class DeadlineExceededException extends GatehouseException {
  public DeadlineExceededException(Details details) {
    super(details);
  }
}
