package io.gatehouse.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Java client and the CLI speak to the server only through its wire contract: the gRPC
 * stubs and messages generated in the proto module, and the REST API's JSON. They never share the
 * server's classes, so an engine or a script can use them without the server on its class path.
 * The rules are plain JUnit tests over the module's main classes: Surefire 3.5.3 skips ArchUnit's
 * {@code @ArchTest} fields without a word.
 */
class ClientModuleRulesTest {
  private static final JavaClasses CLIENTS = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.gatehouse.client");

  @Test
  void clientsDependNeitherOnTheServerNorOnItsLibrariesNorOnQuarkus() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.gatehouse.server..", "io.gatehouse.policy..", "io.gatehouse.lineage..", "io.gatehouse.credentials..",
            "io.quarkus..")
        .because("clients know the server by its wire contract only")
        .check(CLIENTS);
  }

  @Test
  void clientsDependOnlyOnTheWireContractAndTheJdk() {
    classes()
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.gatehouse.client..",
            // gRPC: the generated stubs and messages, the transport, protobuf
            "io.gatehouse.proto..", "io.grpc..", "com.google.protobuf..",
            // REST: JSON over the JDK's HTTP client
            "com.fasterxml.jackson..",
            // the command line, and the loopback listener of 'gatehouse login --sso' (the JDK's HTTP server)
            "picocli..", "com.sun.net.httpserver..",
            "java..")
        .because("clients know the server by its wire contract only")
        .check(CLIENTS);
  }
}
