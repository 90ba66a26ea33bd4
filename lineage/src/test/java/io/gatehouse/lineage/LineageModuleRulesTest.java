package io.gatehouse.lineage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The lineage library (ingestion and graph queries over JDBC) is plain Java: the server wires it,
 * it never reaches back into the server, and it runs without Quarkus (bench/lineage uses it
 * alone). The rules are plain JUnit tests over the module's main classes: Surefire 3.5.3 skips
 * ArchUnit's {@code @ArchTest} fields without a word.
 */
class LineageModuleRulesTest {
  private static final JavaClasses LINEAGE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.gatehouse.lineage");

  @Test
  void lineageDependsNeitherOnQuarkusNorOnTheServer() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.gatehouse.server..")
        .because("lineage is a plain Java library that the server wires, not a part of it")
        .check(LINEAGE);
  }
}
