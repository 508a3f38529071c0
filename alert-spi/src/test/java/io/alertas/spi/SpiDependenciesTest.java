package io.alertas.spi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** What a plugin jar is built against depends on the JDK and Jackson only, and never on the engine. */
class SpiDependenciesTest {

    private static final JavaClasses SPI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.alertas.spi");

    @Test
    void theSpiUsesOnlyTheJdkAndJackson() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.alertas.spi..", "com.fasterxml.jackson..")
                .check(SPI);
    }

    @Test
    void theSpiNeverReachesIntoTheEngine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.alertas.core..", "io.alertas.runner..")
                .check(SPI);
    }

    @Test
    void noValueOfTheSpiHasAPublicConstructorThatANewFieldWouldBreak() {
        classes().that().arePublic().and().areNotAssignableTo(Exception.class).and().areNotAssignableTo(Evaluator.class)
                .should().haveOnlyPrivateConstructors()
                .because("values are made by factories and builders, which can grow without breaking a plugin")
                .check(SPI);
    }
}
