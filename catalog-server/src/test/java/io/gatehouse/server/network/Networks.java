package io.gatehouse.server.network;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.WorkspaceSettings;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Requests from chosen source addresses: Linux routes all of 127.0.0.0/8 to the loopback
 * interface, so a client bound to 127.0.0.2 reaches the server on 127.0.0.1 and the server sees
 * 127.0.0.2. The test profile trusts 127.0.0.3 as a reverse proxy. {@link #reset()} switches the
 * lists off and deletes them straight in the database, so that no test leaves the JVM's other
 * tests locked out, whatever the lists said.
 */
public final class Networks {
  public static final String ADMIN_HOST = "127.0.0.1";
  public static final String PROXY = "127.0.0.3";
  public static final String LISTS = "/api/2.0/ip-access-lists";
  public static final String CONF = "/api/2.0/workspace-conf";

  private Networks() {}

  /** A request as the admin from {@code local}. */
  public static RequestSpecification from(String local) {
    return bind(Api.json(), local);
  }

  /** A request with no credentials from {@code local}. */
  public static RequestSpecification anonymousFrom(String local) {
    return bind(RestAssured.given().contentType(ContentType.JSON).accept(ContentType.JSON), local);
  }

  public static RequestSpecification bind(RequestSpecification spec, String local) {
    try {
      InetAddress address = InetAddress.getByName(local);
      return spec.config(RestAssured.config().httpClient(
          HttpClientConfig.httpClientConfig().setParam("http.route.local-address", address)));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A gRPC channel to the test server whose connections start from {@code local}. */
  public static ManagedChannel grpcFrom(String local) {
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    try {
      InetAddress address = InetAddress.getByName(local);
      return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
          .localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
            @Override
            public java.net.SocketAddress createSocketAddress(java.net.SocketAddress remote, io.grpc.Attributes attrs) {
              return new InetSocketAddress(address, 0);
            }
          })
          .build();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Creates a list as the admin from 127.0.0.1; returns its id. */
  public static String list(String type, String... addresses) {
    return from(ADMIN_HOST).body(Map.of("label", Api.unique("net"), "list_type", type, "ip_addresses", List.of(addresses)))
        .post(LISTS).then().statusCode(200).extract().path("ip_access_list.list_id");
  }

  public static ValidatableResponse setting(String from, String key, String value) {
    return from(from).body(Map.of(key, value)).patch(CONF).then();
  }

  public static void enable() {
    setting(ADMIN_HOST, "enableIpAccessLists", "true").statusCode(204);
  }

  /** Lists off and gone, token settings back to their defaults, straight in the database. */
  public static void reset() {
    AgroalDataSource dataSource = Arc.container().instance(AgroalDataSource.class).get();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DELETE FROM workspace_conf; DELETE FROM ip_access_lists;"
          + " DELETE FROM token_permissions WHERE workspace_id = 0; INSERT INTO token_permissions (workspace_id, principal_id) VALUES (0, NULL)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    Arc.container().instance(WorkspaceSettings.class).get().reload();
  }
}
