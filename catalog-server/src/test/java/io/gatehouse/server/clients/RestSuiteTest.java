package io.gatehouse.server.clients;

import io.quarkus.test.junit.QuarkusTest;

/** The catalog suite over raw HTTP. */
@QuarkusTest
class RestSuiteTest extends CatalogCrudAndAuthorizationSuite {
  @Override
  protected Operations operations(String token) {
    return new RestOperations(token);
  }
}
