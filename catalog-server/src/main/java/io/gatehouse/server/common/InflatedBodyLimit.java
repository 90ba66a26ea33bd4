package io.gatehouse.server.common;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Bounds the inflated size of a compressed request body while it is being inflated. Vert.x
 * inflates {@code Content-Encoding: gzip} (and deflate) bodies in a Netty handler ahead of every
 * route, and the body size limit of Quarkus only sees what comes out: a few hundred KB of gzip
 * would be inflated to gigabytes before that limit answered. Around that handler, named {@code
 * inflater} in the HTTP/1 pipeline, this puts a counter after it and a gate before it. Once the
 * inflated bytes of the current request pass the limit, the counter drops what comes out and the
 * gate drops compressed content before it reaches the inflater, so inflation stops at the limit.
 * When the client has sent the rest of its body (read and discarded, never inflated), {@code
 * refuse} answers and the connection closes; the route never sees the end of the body, so it
 * never acts on a truncated one.
 *
 * <p>The inflater rewrites the head of a compressed request ({@code Content-Encoding} and {@code
 * Content-Length} are gone by the time a route sees it), so every request body of an HTTP/1
 * connection is counted, compressed or not. HTTP/2 inflates elsewhere and is not served on the
 * API port ({@code quarkus.http.http2=false}). Everything runs on the connection's event loop.
 */
final class InflatedBodyLimit {
  private static final String INFLATER = "inflater";
  private static final String GATE = "gatehouse-inflate-gate";
  private static final String COUNTER = "gatehouse-inflated-counter";

  private InflatedBodyLimit() {}

  /**
   * Watches the body of {@code request}, whose head was just received: {@code refuse} runs once
   * if the inflated body passes {@code limit} bytes. Returns false when the body cannot be
   * watched: not HTTP/1, or decompression is off.
   */
  static boolean watch(HttpServerRequest request, long limit, Runnable refuse) {
    if (!(request.connection() instanceof ConnectionBase connection)) {
      return false;
    }
    Channel channel = connection.channel();
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get(INFLATER) == null) {
      return false;
    }
    Counter counter = (Counter) pipeline.get(COUNTER);
    if (counter == null) {
      State state = new State();
      pipeline.addBefore(INFLATER, GATE, new Gate(state));
      counter = new Counter(state);
      pipeline.addAfter(INFLATER, COUNTER, counter);
    }
    counter.state.watch(limit, refuse);
    return true;
  }

  /** The current request of one connection. */
  private static final class State {
    long limit;
    long inflated;
    long discarded;
    boolean exceeded;
    Runnable refuse;

    void reset() {
      inflated = 0;
      discarded = 0;
      exceeded = false;
      refuse = null;
    }

    void watch(long limit, Runnable refuse) {
      this.limit = limit;
      this.refuse = refuse;
    }

    void answer() {
      Runnable r = refuse;
      refuse = null;
      if (r != null) {
        r.run();
      }
    }
  }

  /** Before the inflater: once the limit is passed, compressed content goes no further. */
  private static final class Gate extends ChannelInboundHandlerAdapter {
    private final State state;

    Gate(State state) {
      this.state = state;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!state.exceeded || !(msg instanceof HttpContent content)) {
        ctx.fireChannelRead(msg);
        return;
      }
      state.discarded += content.content().readableBytes();
      boolean last = msg instanceof LastHttpContent;
      ReferenceCountUtil.release(msg);
      // Answer once the client has sent its body, so that closing resets nothing it has not read;
      // a client that keeps sending past another limit's worth is answered at once.
      if (last || state.discarded > state.limit) {
        state.answer();
      }
    }
  }

  /** After the inflater: counts inflated bytes of the watched request. */
  private static final class Counter extends ChannelInboundHandlerAdapter {
    final State state;

    Counter(State state) {
      this.state = state;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        state.reset();
      }
      if (state.refuse == null && !state.exceeded || !(msg instanceof HttpContent content)) {
        ctx.fireChannelRead(msg);
        return;
      }
      if (!state.exceeded) {
        state.inflated += content.content().readableBytes();
        state.exceeded = state.inflated > state.limit;
      }
      if (!state.exceeded) {
        ctx.fireChannelRead(msg);
        return;
      }
      boolean last = msg instanceof LastHttpContent;
      ReferenceCountUtil.release(msg);
      if (last) {
        // The whole body is read: nothing is left for the gate to see.
        state.answer();
      }
    }
  }
}
