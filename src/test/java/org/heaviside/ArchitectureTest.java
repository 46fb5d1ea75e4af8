package org.heaviside;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/** The dependency rules of docs/style.md, held as tests. */
@AnalyzeClasses(packages = "org.heaviside", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {"org.heaviside.run..", "org.heaviside.data..", "org.heaviside.arrangement..",
        "org.heaviside.solver..", "org.heaviside.network..", "org.heaviside.deep..", "org.heaviside.conditions..", "org.heaviside.ste..",
        "org.heaviside.experiment..", "org.heaviside.export.."};

    @ArchTest
    static final ArchRule coreHasNoGui = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "org.jfree..",
                    "org.controlsfx..")
            .because("the numerical core must run without a display: in the CLI, in tests and on servers");

    @ArchTest
    static final ArchRule coreKnowsNoFrontEnd = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("org.heaviside.app..", "org.heaviside.cli..",
                    "org.heaviside.report..", "org.heaviside.launcher..")
            .because("the GUI, the command line and the reports sit on top of the core, never below it");

    @ArchTest
    static final ArchRule reportHasNoJavaFx = noClasses().that().resideInAPackage("org.heaviside.report..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.heaviside.app..")
            .because("reports render JFreeChart headless to files, so they must not need a JavaFX toolkit")
            .allowEmptyShould(true); // the report package arrives with the manager report (issue 7)

    @ArchTest
    static final ArchRule appAndCliAreApart = noClasses().that().resideInAPackage("org.heaviside.app..")
            .should().dependOnClassesThat().resideInAPackage("org.heaviside.cli..")
            .because("the GUI and the command line are separate front ends; only the launcher knows both");

    @ArchTest
    static final ArchRule cliHasNoGui = noClasses().that().resideInAPackage("org.heaviside.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("org.heaviside.app..", "javafx..", "org.controlsfx..")
            .because("the command line runs headless on servers");

    @ArchTest
    static final ArchRule onlyCliPrints = noClasses().that().resideOutsideOfPackage("org.heaviside.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("the core returns values and reports through ProgressListener; only the CLI writes to the console");

    @ArchTest
    static final ArchRule noCycles = SlicesRuleDefinition.slices().matching("org.heaviside.(*)..")
            .should().beFreeOfCycles()
            .because("dependencies point one way, as in docs/style.md");
}
