package dev.syncwright.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** sync-core stays a pure-JDK library: no JDBC, nothing of the other modules, no logging backend. */
class ArchitectureTest {
    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.syncwright.core");

    @Test
    void coreImportsNoJdbc() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..").check(CORE);
    }

    @Test
    void coreDependsOnNoOtherSyncwrightModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "dev.syncwright.dialect..", "dev.syncwright.tracking..", "dev.syncwright.jdbc..", "dev.syncwright.http..",
                "dev.syncwright.spring..", "dev.syncwright.cli..").check(CORE);
    }

    @Test
    void coreUsesOnlyTheJdk() {
        // JSpecify: nullness annotations, a provided dependency the JVM does not need at run time (ADR 053)
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax.annotation..", "dev.syncwright.core..",
                        "org.jspecify.annotations..")
                .check(CORE);
    }
}
