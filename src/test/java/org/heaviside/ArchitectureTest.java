package org.heaviside;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heaviside.data.Column;
import org.heaviside.data.Table;

/** The dependency rules of docs/style.md, held as tests. */
@AnalyzeClasses(packages = "org.heaviside", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {"org.heaviside.run..", "org.heaviside.data..", "org.heaviside.arrangement..",
        "org.heaviside.solver..", "org.heaviside.network..", "org.heaviside.deep..", "org.heaviside.conditions..", "org.heaviside.ste..",
        "org.heaviside.experiment..", "org.heaviside.export..", "org.heaviside.workflow.."};

    /**
     * The core's layers in the order of docs/style.md, each with the packages it may use: only those
     * to its left. conditions (checks on data and patterns) sits before deep, which reports them;
     * deep and ste are peers; export uses the network and what it needs; workflow (the use cases)
     * uses every engine; experiment runs the use cases.
     */
    private static final Map<String, List<String>> LAYERS = layers();

    private static Map<String, List<String>> layers() {
        Map<String, List<String>> layers = new LinkedHashMap<>();
        layers.put("run", List.of());
        layers.put("data", List.of("run"));
        layers.put("arrangement", List.of("run", "data"));
        layers.put("solver", List.of("run", "data", "arrangement"));
        layers.put("network", List.of("run", "data", "arrangement", "solver"));
        layers.put("conditions", List.of("run", "data", "arrangement", "solver", "network"));
        layers.put("deep", List.of("run", "data", "arrangement", "solver", "network", "conditions"));
        layers.put("ste", List.of("run", "data", "arrangement", "solver", "network"));
        layers.put("export", List.of("run", "data", "arrangement", "solver", "network"));
        layers.put("workflow", List.of("run", "data", "arrangement", "solver", "network", "conditions", "deep", "ste",
                "export"));
        layers.put("experiment", List.of("run", "data", "arrangement", "solver", "network", "conditions", "deep", "ste",
                "export", "workflow"));
        return layers;
    }

    @ArchTest
    static void eachCorePackageUsesOnlyThoseToItsLeft(JavaClasses classes) {
        for (Map.Entry<String, List<String>> layer : LAYERS.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : LAYERS.keySet()) {
                if (!other.equals(layer.getKey()) && !layer.getValue().contains(other)) {
                    forbidden.add("org.heaviside." + other + "..");
                }
            }
            noClasses().that().resideInAPackage("org.heaviside." + layer.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("the core's dependencies point one way, as in docs/style.md: "
                            + layer.getKey() + " may use " + (layer.getValue().isEmpty() ? "no other core package"
                            : String.join(", ", layer.getValue())))
                    .check(classes);
        }
    }

    @ArchTest
    static final ArchRule commandsDoNotBorrowFromEachOther = noClasses().that().resideInAPackage("org.heaviside.cli..")
            .and().haveSimpleNameEndingWith("Command")
            .should().dependOnClassesThat(JavaClass.Predicates.simpleNameEndingWith("Command")
                    .and(JavaClass.Predicates.resideInAPackage("org.heaviside.cli..")))
            .because("a command is one small class; what two commands share lives in the core or in a shared cli helper");

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
    static final ArchRule onlyTheEngineAndCliUseSpark = noClasses()
            .that().resideOutsideOfPackages("org.heaviside.spark..", "org.heaviside.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
            .because("Spark is a provided dependency (issue 18): the core, the GUI and the reports must load and "
                    + "run without it, so only the Spark engine and the command that starts it may use it");

    @ArchTest
    static final ArchRule onlyCliStartsTheSparkEngine = noClasses()
            .that().resideOutsideOfPackages("org.heaviside.spark..", "org.heaviside.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.heaviside.spark..")
            .because("the use case knows engines only through workflow.ConvexEngine; a class that named the Spark "
                    + "engine would need Spark on the classpath");

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

    /** A view model and its nested classes. */
    private static final String VIEW_MODEL = ".*ViewModel(\\$.*)?";

    /** Everything below the front ends: the numerical core, including packages added later. */
    private static final DescribedPredicate<JavaClass> IN_THE_CORE = resideInAPackage("org.heaviside..")
            .and(resideOutsideOfPackages("org.heaviside.app..", "org.heaviside.cli..", "org.heaviside.report..",
                    "org.heaviside.launcher.."))
            .as("in the core");

    /** Values the core hands out: records, enums, exceptions, and the loaded table with its columns. */
    private static final DescribedPredicate<JavaClass> A_CORE_VALUE = DescribedPredicate.describe(
            "a core value (record, enum, exception, Table or Column)",
            type -> type.isRecord() || type.isEnum() || type.isAssignableTo(Throwable.class)
                    || type.isAssignableTo(Table.class) || type.isAssignableTo(Column.class));

    @ArchTest
    static final ArchRule noCyclesInsideApp = SlicesRuleDefinition.slices().matching("org.heaviside.app.(**)")
            .should().beFreeOfCycles()
            .because("the shell depends on the pages, the pages on the shared study model and GUI types, never the "
                    + "reverse, and view models do not reference each other (docs/style.md, MVVM)");

    @ArchTest
    static final ArchRule onlyViewModelsCallTheCore = classes().that().resideInAPackage("org.heaviside.app..")
            .and().haveNameNotMatching(VIEW_MODEL)
            .and().resideOutsideOfPackage("org.heaviside.app.study..")
            .should().onlyDependOnClassesThat(not(IN_THE_CORE).or(A_CORE_VALUE))
            .because("a FooViewModel (and the study model it shares) is the only GUI class that calls the core; "
                    + "pages, charts and the shell only display the values it hands them (docs/style.md, MVVM)");

    @ArchTest
    static final ArchRule viewModelsShareOnlyTheStudy = classes().that().haveNameMatching(VIEW_MODEL)
            .should(new ArchCondition<JavaClass>("not depend on another view model") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    String own = type.getName().replaceAll("\\$.*", "");
                    for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                        String target = dependency.getTargetClass().getName();
                        if (target.matches(VIEW_MODEL) && !target.replaceAll("\\$.*", "").equals(own)) {
                            events.add(SimpleConditionEvent.violated(type, dependency.getDescription()));
                        }
                    }
                }
            })
            .because("view models read and write the shared study model (app.study), so one page's state never "
                    + "reaches into another's");

    @ArchTest
    static final ArchRule everyPackageIsDescribed = classes().should(new ArchCondition<JavaClass>(
            "reside in a package with a package-info.java") {
        @Override
        public void check(JavaClass type, ConditionEvents events) {
            Path info = Path.of("src", "main", "java").resolve(type.getPackageName().replace('.', '/'))
                    .resolve("package-info.java");
            if (!Files.isRegularFile(info)) {
                events.add(SimpleConditionEvent.violated(type, type.getName() + " is in a package without " + info));
            }
        }
    }).because("each package says in one to three sentences what it does (docs/style.md, Layout)");
}
