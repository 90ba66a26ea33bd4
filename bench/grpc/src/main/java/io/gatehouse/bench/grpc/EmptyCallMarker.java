package io.gatehouse.bench.grpc;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine marker alone: grpc-java's empty unary call on a bare grpc-java server in this JVM,
 * 16 calls in flight on one channel, as {@link AuthorizeLoad} measures it, for benchmarks that
 * drive something other than gRPC (bench/catalog-rest/run) and print it beside their figures.
 *
 * <p>Usage: EmptyCallMarker [seconds] (a warm-up of the same length runs first)
 */
public final class EmptyCallMarker {
  private static final int IN_FLIGHT = 16;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Server server = NettyServerBuilder.forPort(0).addService(emptyService()).build().start();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    try {
      run(channel, seconds, false);
      run(channel, seconds, true);
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  private static void run(ManagedChannel channel, int seconds, boolean print) throws InterruptedException {
    Semaphore window = new Semaphore(IN_FLIGHT);
    long[] latencies = new long[4_000_000];
    AtomicLong count = new AtomicLong();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      window.acquire();
      long began = System.nanoTime();
      Runnable done = () -> {
        long i = count.getAndIncrement();
        if (i < latencies.length) {
          latencies[(int) i] = System.nanoTime() - began;
        }
        window.release();
      };
      ClientCalls.asyncUnaryCall(channel.newCall(EMPTY, CallOptions.DEFAULT), new byte[0], new StreamObserver<>() {
        @Override
        public void onNext(byte[] value) {}

        @Override
        public void onError(Throwable t) {
          done.run();
        }

        @Override
        public void onCompleted() {
          done.run();
        }
      });
    }
    window.acquire(IN_FLIGHT);
    double elapsed = (System.nanoTime() - start) / 1e9;
    int n = (int) Math.min(count.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    if (print) {
      System.out.printf("machine marker: grpc-java empty unary %.0f calls/s, p99 %.1f ms (16 in flight, %d s)%n",
          count.get() / elapsed, sorted[(int) (n * 0.99)] / 1e6, seconds);
    }
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  private static final MethodDescriptor<byte[], byte[]> EMPTY = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("bench.Empty/Call")
      .setRequestMarshaller(BYTES)
      .setResponseMarshaller(BYTES)
      .build();

  private static ServerServiceDefinition emptyService() {
    return ServerServiceDefinition.builder("bench.Empty")
        .addMethod(EMPTY, ServerCalls.asyncUnaryCall((request, out) -> {
          out.onNext(new byte[0]);
          out.onCompleted();
        }))
        .build();
  }
}
