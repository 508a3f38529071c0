package io.alertas.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/** The engine's packages form no cycle, stay clear of the runner and Logback, and show embedders one entry. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.alertas.core");

    /**
     * Each package is a slice of its own, {@code io.alertas.core} and every subpackage, so a cycle between any two
     * packages is found: {@code internal} importing {@code internal.config}, which imports {@code internal} back,
     * is one.
     */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
            return "every package of alert-core";
        }
    };

    @Test
    void noPackageCycle() {
        SlicesRuleDefinition.slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theEngineNeverImportsTheRunnerOrLogback() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.alertas.runner..", "ch.qos.logback..")
                .check(CORE);
    }

    @Test
    void outsideTheInternalPackagesOnlyTheEntryAndThePassValuesArePublic() {
        classes().that().arePublic().and().resideOutsideOfPackage("io.alertas.core.internal..")
                .should().haveNameMatching("io\\.alertas\\.core\\.(Alertas(\\$Builder|Exception)?|TeamOperations)")
                .orShould().resideInAPackage("io.alertas.core.pass")
                .check(CORE);
    }
}
