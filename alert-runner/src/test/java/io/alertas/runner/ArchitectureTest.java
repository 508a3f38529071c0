package io.alertas.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The runner uses the engine as any embedder does: through {@code Alertas} and its public values. */
class ArchitectureTest {

    private static final JavaClasses RUNNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.alertas.runner");

    @Test
    void theRunnerImportsNothingInternalOfTheEngine() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.alertas.core.internal..").check(RUNNER);
    }
}
