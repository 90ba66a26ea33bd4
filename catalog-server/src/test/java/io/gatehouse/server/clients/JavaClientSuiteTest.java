package io.gatehouse.server.clients;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;

/** The catalog suite through the Java client. */
@QuarkusTest
class JavaClientSuiteTest extends CatalogCrudAndAuthorizationSuite {
  static String host() {
    return "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
  }

  @Override
  protected Operations operations(String token) {
    return new JavaClientOperations(host(), token);
  }
}
