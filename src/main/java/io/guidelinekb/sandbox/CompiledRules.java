package io.guidelinekb.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/** The bytecode Drools compiled from the rules' Java code: consequences, evals, functions, accumulates. */
final class CompiledRules {

    private CompiledRules() {
    }

    /** Class file bytes by internal name ({@code nkr_lbp_2016/Rule_…}). */
    static Map<String, byte[]> bytecode(KieBase kieBase) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            InternalKnowledgePackage pkg = (InternalKnowledgePackage) kiePackage;
            if (pkg.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData java) {
                java.getStore().forEach((name, bytes) -> {
                    if (name.endsWith(".class")) {
                        classes.put(name.substring(0, name.length() - ".class".length()), bytes);
                    }
                });
            }
        }
        return classes;
    }
}
