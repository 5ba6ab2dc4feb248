package io.oversight.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the feature packages honest: no cycles, and the entry and the judgement stay apart. */
@AnalyzeClasses(packages = "io.oversight", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("io.oversight.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule signalsKnowNothingOfTheRest = noClasses().that().resideInAPackage("io.oversight.signals..")
            .should().dependOnClassesThat().resideInAnyPackage("io.oversight.proposal..", "io.oversight.escalation..",
                    "io.oversight.review..", "io.oversight.action..", "org.camunda..");

    @ArchTest
    static final ArchRule theAgentApiDoesNotReachIntoTheEngine = noClasses().that().resideInAPackage("io.oversight.proposal..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.engine..", "io.oversight.escalation..",
                    "io.oversight.review..");

    @ArchTest
    static final ArchRule noSystemOut = noClasses().should().accessField(System.class, "out");
}
