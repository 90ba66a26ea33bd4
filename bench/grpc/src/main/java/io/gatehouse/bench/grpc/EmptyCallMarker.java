package io.gatehouse.bench.grpc;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;

/**
 * The machine marker alone: grpc-java's empty unary call on a bare server in this JVM, the same
 * measurement as {@link AuthorizeLoad}'s first row (16 calls in flight, a warm-up round, then a
 * measured one), for other benchmarks to print beside their own figures.
 *
 * <p>Usage: EmptyCallMarker [seconds] [in-flight]
 */
public final class EmptyCallMarker {
  private EmptyCallMarker() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    Server bare = NettyServerBuilder.forPort(0).addService(AuthorizeLoad.emptyService()).build().start();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", bare.getPort()).usePlaintext().build();
    try {
      AuthorizeLoad.Result result = null;
      for (int round = 0; round < 2; round++) {
        result = AuthorizeLoad.run(seconds, inFlight, done -> ClientCalls.asyncUnaryCall(
            channel.newCall(AuthorizeLoad.EMPTY, CallOptions.DEFAULT), new byte[0], AuthorizeLoad.observer(done)));
      }
      System.out.printf("machine marker: grpc-java empty unary, %d in flight: %.0f calls/s, p50 %d us, p99 %d us%n",
          inFlight, result.callsPerSecond(), result.p50Micros(), result.p99Micros());
    } finally {
      channel.shutdownNow();
      bare.shutdownNow();
    }
  }
}
