package io.guidelinekb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
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
 * sits on top of the engine; the values it takes and returns (facts, cases, results, problems, texts)
 * are the fact model's, at the bottom, since every room speaks them. What the API shows is the API's
 * own and the fact model's, nothing of the rooms between.
 */
@io.guidelinekb.IntegrationTest
class ArchitectureTest {

    private static final String ROOT = "io.guidelinekb";

    /** Top to bottom. */
    static final List<Layer> LAYERS = List.of(
            room("command line", "cli"),
            room("CDS Hooks service", "cdshooks"),
            room("authoring", "authoring"),
            room("scenarios", "scenario"),
            room("audit", "audit"),
            room("input", "input"),
            room("FHIR", "fhir"),
            new Layer("API", c -> c.getPackageName().equals(ROOT)),
            room("pipeline", "pipeline"),
            room("sandbox", "sandbox"),
            room("engine", "engine"),
            room("terminology", "terminology"),
            room("guideline descriptor", "guideline"),
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

    /** What a hospital developer reads: the front door and the fact model. */
    private static final Set<String> API = Set.of(ROOT, ROOT + ".model");
    /**
     * Besides the JDK, what the API may show: an application's own Micrometer registry, and the rule
     * context a rule passes when it makes a recommendation from its own declaration.
     */
    private static final Set<String> FOREIGN_TYPES_SHOWN = Set.of("io.micrometer.core.instrument.MeterRegistry",
            "org.kie.api.runtime.rule.RuleContext");

    @Test
    void theApiShowsOnlyItsOwnTypesAndTheJdksAndNoArraysAsTuples() {
        List<String> shown = new ArrayList<>();
        for (JavaClass type : MAIN) {
            if (!API.contains(type.getPackageName()) || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            for (JavaMember member : type.getMembers()) {
                if (!member.getModifiers().contains(JavaModifier.PUBLIC) && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                    continue;
                }
                for (JavaClass involved : involved(member)) {
                    if (involved.isArray()) {
                        shown.add(member.getFullName() + " shows an array, " + involved.getName());
                    } else if (!allowedInApi(involved)) {
                        shown.add(member.getFullName() + " shows " + involved.getName());
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), shown,
                "the API's signatures show a type of a room below it (or an array as a tuple)");
    }

    private static Set<JavaClass> involved(JavaMember member) {
        Set<JavaClass> types = new java.util.LinkedHashSet<>();
        if (member instanceof JavaField field) {
            types.addAll(field.getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit code) {
            types.addAll(code.getReturnType().getAllInvolvedRawTypes());
            code.getParameterTypes().forEach(p -> types.addAll(p.getAllInvolvedRawTypes()));
        }
        return types;
    }

    private static boolean allowedInApi(JavaClass type) {
        String pkg = type.getPackageName();
        return type.isPrimitive() || pkg.startsWith("java.") || API.contains(pkg) || FOREIGN_TYPES_SHOWN.contains(type.getName());
    }

    @Test
    void noLanguageTravelsAsABoolean() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            List<String> found = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return java.util.regex.Pattern.compile("boolean (english|danish)\\b").matcher(java.nio.file.Files.readString(f)).find();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Object::toString).toList();
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), found, "a language is a Language, not a boolean");
        }
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
