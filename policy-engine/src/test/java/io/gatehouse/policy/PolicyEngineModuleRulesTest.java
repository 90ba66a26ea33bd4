package io.gatehouse.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The policy engine is a plain Java library: the server wires it, it never reaches back into the
 * server, and it runs without Quarkus (the benchmarks use it on its own). The rules are plain
 * JUnit tests over the module's main classes: Surefire 3.5.3 skips ArchUnit's {@code @ArchTest}
 * fields without a word.
 */
class PolicyEngineModuleRulesTest {
  private static final JavaClasses ENGINE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.gatehouse.policy");

  @Test
  void policyEngineDependsNeitherOnQuarkusNorOnTheServer() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.gatehouse.server..")
        .because("policy-engine is a plain Java library that the server wires, not a part of it")
        .check(ENGINE);
  }
}
