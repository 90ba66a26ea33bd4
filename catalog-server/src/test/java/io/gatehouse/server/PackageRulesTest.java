package io.gatehouse.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The arrows between the server's packages point one way, from the features down to the ground:
 *
 * <pre>
 *   features: grpc, sql, permissions, credentials, lineage (and any new package)
 *   catalog
 *   authz
 *   identity
 *   audit
 *   common, store
 * </pre>
 *
 * A package may use the ones below it, never one above, not even by a fully qualified name; a
 * lower package that needs something from above gets it by an interface it owns, implemented
 * above (authz.FunctionBinder by sql, audit.Actor by identity). Features may use each other as
 * long as they form no cycle. Read from the bytecode of the main classes (the Java Flyway
 * migrations in db.migration are outside io.gatehouse.server), with no Quarkus: plain JUnit, and
 * not ArchUnit's {@code @ArchTest} fields, which Surefire 3.5.3 skips without a word.
 */
class PackageRulesTest {
  private static final String SERVER = "io.gatehouse.server";
  private static final JavaClasses SERVER_CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(SERVER);

  private static final String[] BELOW_FEATURES = {
      SERVER + ".catalog..", SERVER + ".authz..", SERVER + ".identity..", SERVER + ".audit..",
      SERVER + ".common..", SERVER + ".store.."};

  /** Every package under io.gatehouse.server that is not one of the lower layers: a new one starts on top. */
  private static final DescribedPredicate<JavaClass> FEATURES =
      resideInAPackage(SERVER + "..").and(not(resideInAnyPackage(BELOW_FEATURES)))
          .as("the feature packages (grpc, sql, permissions, credentials, lineage, ...)");

  @Test
  void topLevelPackagesFormNoCycle() {
    slices().matching(SERVER + ".(*)..").namingSlices("$1")
        .should().beFreeOfCycles()
        .check(SERVER_CLASSES);
  }

  @Test
  void packagesPointDownFromTheFeaturesThroughCatalogAuthzIdentityAndAuditToTheGround() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Features").definedBy(FEATURES)
        .layer("Catalog").definedBy(SERVER + ".catalog..")
        .layer("Authz").definedBy(SERVER + ".authz..")
        .layer("Identity").definedBy(SERVER + ".identity..")
        .layer("Audit").definedBy(SERVER + ".audit..")
        .layer("Ground").definedBy(SERVER + ".common..", SERVER + ".store..")
        .whereLayer("Features").mayNotBeAccessedByAnyLayer()
        .whereLayer("Catalog").mayOnlyBeAccessedByLayers("Features")
        .whereLayer("Authz").mayOnlyBeAccessedByLayers("Features", "Catalog")
        .whereLayer("Identity").mayOnlyBeAccessedByLayers("Features", "Catalog", "Authz")
        .whereLayer("Audit").mayOnlyBeAccessedByLayers("Features", "Catalog", "Authz", "Identity")
        .whereLayer("Ground").mayNotAccessAnyLayer()
        .check(SERVER_CLASSES);
  }
}
