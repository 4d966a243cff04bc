package io.guidelinekb.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * A guideline's rules as Drools' executable model: Java classes generated from the DRL, which build
 * a knowledge base without parsing DRL or compiling Java (Drools' own way to start fast, since a
 * knowledge base can no longer be serialised). Generating them needs {@code drools-model-codegen},
 * an optional dependency; loading them does not.
 */
public final class ExecutableModel {

    private static final String CODEGEN = "org.drools.model.codegen.ExecutableModelProject";
    private static final String MODEL_LIST = "/drools-model";

    /**
     * The generated classes: bytecode by binary name ({@code nkr_lbp_2016.Rules…}) and the names of
     * the {@link Model} classes among them, in order.
     */
    public record Classes(List<String> models, Map<String, byte[]> bytecode) {
        public Classes {
            models = List.copyOf(models);
            bytecode = java.util.Collections.unmodifiableMap(new TreeMap<>(bytecode));
        }
    }

    private ExecutableModel() {
    }

    /** Whether this class path can generate the model (not only load it). */
    public static boolean canGenerate() {
        try {
            Class.forName(CODEGEN, false, ExecutableModel.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Generates the classes of one guideline folder's rules, which have already compiled cleanly and
     * passed the sandbox as DRL: the model is the same rules in another form.
     *
     * @throws IllegalStateException when Drools reports an error, which the DRL compile did not
     */
    public static Classes generate(RuleSources group) {
        KieServices services = KieServices.get();
        ReleaseId releaseId = DroolsCompiler.freshReleaseId(services);
        try {
            KieBuilder builder = services.newKieBuilder(DroolsCompiler.project(services, releaseId, group))
                    .buildAll(codegenProject());
            List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
            if (!errors.isEmpty()) {
                throw new IllegalStateException("Drools' executable model refused rules the DRL compiler took: " + errors);
            }
            InternalKieModule module = (InternalKieModule) builder.getKieModule();
            Map<String, byte[]> bytecode = new TreeMap<>();
            List<String> models = new ArrayList<>();
            for (String name : module.getFileNames()) {
                if (name.endsWith(".class")) {
                    bytecode.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), module.getBytes(name));
                } else if (name.endsWith(MODEL_LIST)) {
                    new String(module.getBytes(name), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(line -> !line.isEmpty() && !line.startsWith("Drools-Model-Version")).forEach(models::add);
                }
            }
            if (models.isEmpty()) {
                throw new IllegalStateException("Drools' executable model named no model class");
            }
            return new Classes(models, bytecode);
        } finally {
            services.getRepository().removeKieModule(releaseId);
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends org.kie.api.builder.KieBuilder.ProjectType> codegenProject() {
        try {
            return (Class<? extends KieBuilder.ProjectType>) Class.forName(CODEGEN, true,
                    ExecutableModel.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("drools-model-codegen is not on the class path", e);
        }
    }

    /** A knowledge base from generated classes, defined in a class loader of their own. */
    public static KieBase kieBase(Classes classes) {
        ClassLoader loader = new GeneratedClasses(classes.bytecode(), ExecutableModel.class.getClassLoader());
        List<Model> models = new ArrayList<>();
        for (String name : classes.models()) {
            try {
                models.add((Model) loader.loadClass(name).getConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new IllegalStateException("the compiled rules' model " + name + " does not load: " + e, e);
            }
        }
        KieBase kieBase = KieBaseBuilder.createKieBaseFromModel(models);
        BUILT.add(kieBase);
        return kieBase;
    }

    /**
     * Whether {@code kieBase} was built from generated classes. Its sessions must keep Drools' own
     * locking: without it ({@code ThreadSafeOption.NO}, which the DRL-compiled rules take), sessions of
     * an executable model on two threads saw each other's facts (68 of 30,000 batch records rejected
     * for conclusions about another episode, and once a NullPointerException inside Drools).
     */
    public static boolean builtFromClasses(KieBase kieBase) {
        return BUILT.contains(kieBase);
    }

    private static final java.util.Set<KieBase> BUILT =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    /** Defines only the generated classes; everything else comes from the engine's own loader. */
    private static final class GeneratedClasses extends ClassLoader {
        private final Map<String, byte[]> bytecode;

        GeneratedClasses(Map<String, byte[]> bytecode, ClassLoader parent) {
            super(parent);
            this.bytecode = bytecode;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = bytecode.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
