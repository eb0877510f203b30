package dev.pplsim;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package arrows: cli -> serve -> jobs -> explain -> engine -> policy -> request -> model, each layer using only
 * those below it, and no package cycle; the library's facade (api) sits above the jobs as the command line does, and
 * the JUnit support (junit) above the facade, neither used by the application's layers; io (output written whole or not at all) is used by the writers only: cli, serve
 * (a batch's answers), jobs and the engine's key-run store. The generated rule classes ({@code dev.pplsim.rules}, compiled from {@code rules/})
 * see the engine's facts and the data below it; nothing refers to them but the rule base, by name.
 */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pplsim");

    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("junit").definedBy("dev.pplsim.junit..")
                .layer("api").definedBy("dev.pplsim.api..")
                .layer("cli").definedBy("dev.pplsim.cli..")
                .layer("serve").definedBy("dev.pplsim.serve..")
                .layer("jobs").definedBy("dev.pplsim.jobs..")
                .layer("explain").definedBy("dev.pplsim.explain..")
                .layer("engine").definedBy("dev.pplsim.engine..")
                .layer("rules").definedBy("dev.pplsim.rules..")
                .layer("policy").definedBy("dev.pplsim.policy..")
                .layer("request").definedBy("dev.pplsim.request..")
                .layer("model").definedBy("dev.pplsim.model..")
                .layer("io").definedBy("dev.pplsim.io..")
                .whereLayer("junit").mayNotBeAccessedByAnyLayer()
                .whereLayer("api").mayOnlyBeAccessedByLayers("junit")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("serve").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("jobs").mayOnlyBeAccessedByLayers("cli", "serve", "api")
                .whereLayer("explain").mayOnlyBeAccessedByLayers("cli", "serve", "api", "junit", "jobs")
                .whereLayer("rules").mayNotBeAccessedByAnyLayer()
                .whereLayer("engine").mayOnlyBeAccessedByLayers("cli", "serve", "api", "junit", "jobs", "explain", "rules")
                .whereLayer("policy").mayOnlyBeAccessedByLayers("cli", "serve", "api", "jobs", "explain", "engine", "rules")
                .whereLayer("request").mayOnlyBeAccessedByLayers("cli", "serve", "api", "junit", "jobs", "explain", "engine", "rules", "policy")
                .whereLayer("model").mayOnlyBeAccessedByLayers("cli", "serve", "api", "junit", "jobs", "explain", "engine", "rules", "policy", "request")
                .whereLayer("io").mayOnlyBeAccessedByLayers("cli", "serve", "jobs", "engine");
    }

    static ArchRule noCycles() {
        return slices().matching("dev.pplsim.(*)..").should().beFreeOfCycles();
    }

    @Test
    void every_package_uses_only_the_layers_below_it() {
        layers().check(MAIN);
    }

    @Test
    void no_two_packages_depend_on_each_other() {
        noCycles().check(MAIN);
    }

    @Test
    void numbers_are_formatted_in_locale_root_not_the_jvms() {
        // under a German locale "%,d" printed 122.472 and the JUnit report time="0,129" (issue #14)
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .should().callMethod(String.class, "format", String.class, Object[].class)
                .orShould().callMethod(String.class, "formatted", Object[].class)
                .orShould().callMethod(java.io.PrintWriter.class, "printf", String.class, Object[].class)
                .orShould().callMethod(java.io.PrintWriter.class, "format", String.class, Object[].class)
                .orShould().callMethod(java.io.PrintStream.class, "printf", String.class, Object[].class)
                .orShould().callMethod(java.io.PrintStream.class, "format", String.class, Object[].class)
                .because("every number people or tools read is printed in Locale.ROOT")
                .check(MAIN);
    }

    @Test
    void an_engine_class_that_imports_the_cli_is_refused() {
        // a fixture in the engine package that calls into the command line: both rules must name it
        JavaClasses planted = new ClassFileImporter().importPackages("dev.pplsim");
        assertTrue(planted.contain("dev.pplsim.engine.PlantedCliImport"), "the fixture is among the classes checked");
        EvaluationResult layered = layers().evaluate(planted);
        assertTrue(layered.hasViolation());
        assertTrue(layered.getFailureReport().toString().contains("PlantedCliImport"), layered.getFailureReport().toString());
        EvaluationResult cycles = noCycles().evaluate(planted);
        assertTrue(cycles.hasViolation());
        assertTrue(cycles.getFailureReport().toString().contains("PlantedCliImport"));
        // and without the fixture the same classes pass
        assertFalse(layers().evaluate(MAIN).hasViolation());
    }
}
