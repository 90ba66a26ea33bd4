package io.gatehouse.spark;

import io.gatehouse.client.GatehouseClient;
import io.gatehouse.client.GatehouseGrpcClient;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gRPC and one REST client per server and token in this JVM (driver or executor): catalogs and
 * credential providers share their channels rather than opening one per table or file.
 */
final class Clients {
  private static final ConcurrentHashMap<String, GatehouseGrpcClient> GRPC = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, GatehouseClient> REST = new ConcurrentHashMap<>();

  private Clients() {}

  static GatehouseGrpcClient grpc(String target, String token) {
    return GRPC.computeIfAbsent(target + "\n" + token, k -> {
      int colon = target.lastIndexOf(':');
      return GatehouseGrpcClient.builder(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))
          .token(token).build();
    });
  }

  /** The REST client for {@code token}, acting for {@code user} when one is named (an engine's token). */
  static GatehouseClient rest(String uri, String token, String user) {
    return REST.computeIfAbsent(uri + "\n" + token + "\n" + user,
        k -> GatehouseClient.builder(uri).token(token).onBehalfOf(user).build());
  }
}
