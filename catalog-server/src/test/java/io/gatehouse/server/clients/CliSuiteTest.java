package io.gatehouse.server.clients;

import io.quarkus.test.junit.QuarkusTest;

/** The catalog suite through the gatehouse command, run in-process. */
@QuarkusTest
class CliSuiteTest extends CatalogCrudAndAuthorizationSuite {
  @Override
  protected Operations operations(String token) {
    return new CliOperations(JavaClientSuiteTest.host(), token);
  }
}
