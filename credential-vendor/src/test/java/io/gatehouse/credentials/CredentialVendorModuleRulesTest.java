package io.gatehouse.credentials;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The credential vendor (session policies, the STS seam, the cache, SAML) is plain Java: the server
 * wires it, it never reaches back into the server, and it runs without Quarkus. The rules are plain
 * JUnit tests over the module's main classes: Surefire 3.5.3 skips ArchUnit's {@code @ArchTest}
 * fields without a word.
 */
class CredentialVendorModuleRulesTest {
  private static final JavaClasses VENDOR = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.gatehouse.credentials");

  @Test
  void credentialVendorDependsNeitherOnQuarkusNorOnTheServer() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.gatehouse.server..")
        .because("credential-vendor is a plain Java library that the server wires, not a part of it")
        .check(VENDOR);
  }
}
