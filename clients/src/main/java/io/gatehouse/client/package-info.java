/**
 * The Gatehouse Java client: {@link io.gatehouse.client.GatehouseClient} for the REST API
 * (catalog, permissions, SQL, tokens, identity) and {@link io.gatehouse.client.GatehouseGrpcClient}
 * for the engines' gRPC API. Failures are {@link io.gatehouse.client.GatehouseException}s of the
 * subclass of the server's error code; listings are {@link io.gatehouse.client.Paged}. Plain Java
 * (java.net.http, Jackson, grpc-java): no dependency on the server. See docs/clients.md.
 */
package io.gatehouse.client;
