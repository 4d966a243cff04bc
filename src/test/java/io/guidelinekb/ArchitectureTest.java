package io.guidelinekb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The rooms of docs/architecture.md and the direction of their arrows: a class may use classes of its
 * own layer and of the layers below it, never of one above. The front door, {@code io.guidelinekb},
 * is two layers: its entry points sit on top of the engine, while the values they return (cases,
 * results, problems, exceptions) sit at the bottom beside the facts, since every room speaks them.
 */
@io.guidelinekb.IntegrationTest
class ArchitectureTest {

    private static final String ROOT = "io.guidelinekb";
    private static final Set<String> ENTRY_POINTS = Set.of("KnowledgeBase", "ReloadingKnowledgeBase", "Precompile");

    /** Top to bottom. */
    static final List<Layer> LAYERS = List.of(
            room("command line", "cli"),
            room("CDS Hooks service", "cdshooks"),
            room("authoring", "authoring"),
            room("scenarios", "scenario"),
            room("audit", "audit"),
            room("input", "input"),
            room("FHIR", "fhir"),
            new Layer("API entry points", c -> c.getPackageName().equals(ROOT) && ENTRY_POINTS.contains(topLevel(c))),
            room("pipeline", "pipeline"),
            room("sandbox", "sandbox"),
            room("engine", "engine"),
            room("terminology", "terminology"),
            room("guideline descriptor", "guideline"),
            new Layer("API values", c -> c.getPackageName().equals(ROOT) && !ENTRY_POINTS.contains(topLevel(c))),
            room("facts", "model"),
            room("output", "output"),
            room("util", "util"));

    record Layer(String name, Predicate<JavaClass> holds) {
    }

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noClassUsesALayerAboveItsOwn() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Layer layer : LAYERS) {
            layers = layers.layer(layer.name()).definedBy(DescribedPredicate.describe(layer.name(), layer.holds()::test));
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            List<String> above = new ArrayList<>();
            LAYERS.subList(0, i).forEach(l -> above.add(l.name()));
            layers = above.isEmpty()
                    ? layers.whereLayer(LAYERS.get(i).name()).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(LAYERS.get(i).name()).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        layers.check(MAIN);
    }

    @Test
    void everyClassIsInALayer() {
        List<String> homeless = MAIN.stream()
                .filter(c -> LAYERS.stream().noneMatch(l -> l.holds().test(c)))
                .map(JavaClass::getName).toList();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), homeless,
                "classes in no layer of ArchitectureTest (and docs/architecture.md)");
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(MAIN);
    }

    @Test
    void onlyTheServiceAndTheCommandLineUseJettyAndNimbus() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".cdshooks..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "com.nimbusds..")
                .check(MAIN);
    }

    private static Layer room(String name, String subpackage) {
        String pkg = ROOT + "." + subpackage;
        return new Layer(name, c -> c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + "."));
    }

    private static String topLevel(JavaClass c) {
        String simple = c.getName().substring(c.getPackageName().length() + 1);
        int nested = simple.indexOf('$');
        return nested < 0 ? simple : simple.substring(0, nested);
    }
}
