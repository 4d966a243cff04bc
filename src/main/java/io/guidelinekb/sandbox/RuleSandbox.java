package io.guidelinekb.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.base.base.ClassObjectType;
import org.drools.base.base.SalienceInteger;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Collect;
import org.drools.base.rule.Declaration;
import org.drools.base.rule.EvalCondition;
import org.drools.base.rule.From;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.TypeDeclaration;
import org.drools.base.rule.accessor.PatternExtractor;
import org.drools.base.rule.constraint.Constraint;
import org.drools.mvel.MVELConstraint;
import org.drools.mvel.accessors.ClassFieldReader;
import org.drools.mvel.dataproviders.MVELDataProvider;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The rule sandbox: checks what the engine will run, before any rule runs. Every class compiled
 * from the rules' Java (consequences, evals, functions) is read as bytecode; every expression the
 * engine interprets instead (conditions, {@code from} sources, bindings) is parsed and resolved
 * against the types it reads. Both go through one allow-list of classes and members; everything
 * else, and every construct of the rule language not listed here, is refused. Loops and recursion
 * are refused too: rule code runs straight through, so no evaluation can hang in it.
 */
public final class RuleSandbox {

    /**
     * Something the rules reach for that they may not, in a rule (or the package, when {@code rule}
     * is null).
     *
     * @param line  the DRL line, or 0 when only the rule is known
     * @param where text of the rule to look for to place it (a condition), or {@code null}
     */
    public record Finding(String rule, String packageName, int line, String message, String where) {
    }

    /** The classes Drools generates around a rule's Java code, from its own templates: no author code is in them. */
    private static final java.util.regex.Pattern INVOKER =
            java.util.regex.Pattern.compile("[^$]*(\\$u\\d+\\$[^$]*)*(DefaultConsequence|Eval\\d+)Invoker");

    private final AllowList allowList = AllowList.standard();
    private final List<Finding> findings = new ArrayList<>();
    /**
     * The classes of the consequence and eval objects Drools made for the rules: what it generated
     * from its own templates, known by where they came from, never by a name an author can choose.
     */
    private final Set<String> invokers = new HashSet<>();
    /** The classes of the rules' functions: the author's code, whatever their names. */
    private final Set<String> functions = new HashSet<>();

    private RuleSandbox() {
    }

    /** Every finding; empty when every rule keeps to the allow-list. */
    public static List<Finding> check(KieBase kieBase) {
        RuleSandbox sandbox = new RuleSandbox();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            sandbox.checkPackage((InternalKnowledgePackage) kiePackage);
        }
        sandbox.checkBytecode(kieBase);
        return sandbox.findings;
    }

    private void checkPackage(InternalKnowledgePackage pkg) {
        String name = pkg.getName();
        if (!pkg.getGlobals().isEmpty()) {
            findings.add(new Finding(null, name, 0, "global " + pkg.getGlobals().keySet() + " is not allowed: rules may "
                    + "only read facts and add conclusions", "global"));
        }
        for (TypeDeclaration type : pkg.getTypeDeclarations().values()) {
            if (type.isNovel()) {
                findings.add(new Finding(null, name, 0, "declare " + type.getTypeName() + " is not allowed: rules use "
                        + "the fact model (io.guidelinekb.model)", "declare"));
            }
        }
        pkg.getFunctions().values().forEach(function -> {
            functions.add(pkg.getName().replace('.', '/') + "/" + Character.toUpperCase(function.getName().charAt(0))
                    + function.getName().substring(1));
            if (!"java".equals(function.getDialect())) {
                findings.add(new Finding(null, name, 0, "function " + function.getName() + " is in dialect "
                        + function.getDialect() + "; only Java functions, which are checked as compiled, are allowed",
                        "function"));
            }
        });
        for (Rule rule : pkg.getRules()) {
            checkRule((RuleImpl) rule);
        }
    }

    private void checkRule(RuleImpl rule) {
        if (rule.isQuery()) {
            deny(rule, "a query is not allowed in rules");
            return;
        }
        if (!(rule.getSalience() instanceof SalienceInteger)) {
            deny(rule, "salience must be a number, not an expression");
        }
        if (rule.getTimer() != null || rule.getCalendars() != null && rule.getCalendars().length > 0) {
            deny(rule, "timers and calendars are not allowed: an evaluation runs once, now");
        }
        if (!rule.getEnabled().getClass().getName().endsWith("EnabledBoolean")) {
            deny(rule, "enabled must be true or false, not an expression");
        }
        if (rule.hasNamedConsequences()) {
            deny(rule, "named consequences are not allowed");
        }
        String consequence = rule.getConsequence() == null ? "" : rule.getConsequence().getClass().getName();
        invokers.add(consequence.replace('.', '/'));
        if (!consequence.endsWith("DefaultConsequenceInvoker")) {
            deny(rule, "the consequence is not Java (dialect \"" + rule.getDialect() + "\"); only Java consequences, "
                    + "which are checked as compiled, are allowed");
        }
        element(rule, rule.getLhs(), new LinkedHashMap<>());
        int joined = JoinBound.conclusionPatterns(rule.getLhs());
        if (joined > JoinBound.MAX_CONCLUSION_PATTERNS) {
            deny(rule, "joins " + joined + " patterns over conclusions (Scope, ScopeFinding, Recommendation, Alert); "
                    + "at most " + JoinBound.MAX_CONCLUSION_PATTERNS + ", since each more multiplies the engine's "
                    + "matching (split the rule, or collect the facts into one list)");
        }
    }

    private void element(RuleImpl rule, RuleConditionElement element, Map<String, Class<?>> scope) {
        if (element instanceof GroupElement group) {
            for (RuleConditionElement child : group.getChildren()) {
                element(rule, child, scope);
            }
        } else if (element instanceof Pattern pattern) {
            pattern(rule, pattern, scope);
        } else if (element instanceof EvalCondition eval) {
            invokers.add(eval.getEvalExpression().getClass().getName().replace('.', '/'));
            if (!eval.getEvalExpression().getClass().getName().matches(".*Eval\\d+Invoker")) {
                deny(rule, "eval in dialect \"" + rule.getDialect() + "\" is not allowed; only Java evals, which are "
                        + "checked as compiled, are allowed");
            }
        } else {
            deny(rule, element.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " is not allowed in "
                    + "rules; conditions may use patterns, and, or, not, exists, eval, from and collect");
        }
    }

    private void pattern(RuleImpl rule, Pattern pattern, Map<String, Class<?>> scope) {
        Class<?> type = pattern.getObjectType() instanceof ClassObjectType classType ? classType.getClassType() : null;
        if (type == null || !allowList.allowsType(org.objectweb.asm.Type.getInternalName(type))) {
            deny(rule, "a pattern on " + (type == null ? pattern.getObjectType() : type.getName()) + " is not allowed; "
                    + "patterns match the fact model");
            return;
        }
        if (pattern.getSource() instanceof From from) {
            from(rule, from, scope);
        } else if (pattern.getSource() instanceof Collect collect) {
            pattern(rule, collect.getSourcePattern(), scope);
        } else if (pattern.getSource() != null) {
            deny(rule, pattern.getSource().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + " is not allowed as a pattern's source; allowed: from an expression, collect");
        }
        for (Constraint constraint : pattern.getConstraints()) {
            if (constraint instanceof MVELConstraint mvel) {
                Map<String, Class<?>> declarations = new HashMap<>(scope);
                for (Declaration declaration : mvel.getRequiredDeclarations()) {
                    declarations.put(declaration.getIdentifier(), declaration.getDeclarationClass());
                }
                expression(rule, mvel.getExpression(), type, declarations);
            } else {
                deny(rule, "a condition of kind " + constraint.getClass().getSimpleName() + " is not allowed");
            }
        }
        for (Declaration declaration : pattern.getDeclarations().values()) {
            if (declaration.getExtractor() instanceof ClassFieldReader field) {
                expression(rule, field.getFieldName(), type, Map.of());
            } else if (!(declaration.getExtractor() instanceof PatternExtractor)) {
                deny(rule, "the binding " + declaration.getIdentifier() + " is not a fact or one of its properties");
            }
            scope.put(declaration.getIdentifier(), declaration.getDeclarationClass());
        }
    }

    private void from(RuleImpl rule, From from, Map<String, Class<?>> scope) {
        if (!(from.getDataProvider() instanceof MVELDataProvider provider)) {
            deny(rule, "this kind of from is not allowed");
            return;
        }
        expression(rule, EngineFields.unit(provider).getExpression(), null, scope);
    }

    private void expression(RuleImpl rule, String expression, Class<?> self, Map<String, Class<?>> declarations) {
        for (String problem : ExpressionCheck.check(expression, self, declarations, allowList)) {
            findings.add(new Finding(rule.getName(), rule.getPackageName(), 0, problem + " (in the condition \""
                    + expression.strip() + "\")", expression.strip()));
        }
    }

    private void deny(RuleImpl rule, String message) {
        findings.add(new Finding(rule.getName(), rule.getPackageName(), 0, message, null));
    }

    private void checkBytecode(KieBase kieBase) {
        Map<String, byte[]> classes = CompiledRules.bytecode(kieBase);
        Map<String, String> ruleOfClass = ruleOfClass(kieBase);

        List<BytecodeCheck.Call> calls = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            String className = entry.getKey();
            AllowList list = isInvoker(className) ? AllowList.scaffolding() : allowList;
            for (BytecodeCheck.Violation violation : BytecodeCheck.check(entry.getValue(), list, classes.keySet(), calls)) {
                String reached = violation.reached();
                findings.add(new Finding(ruleOf(className, ruleOfClass), packageOf(className), 0,
                        reached + (reached.startsWith("a loop") || reached.contains(" (it calls ") ? ""
                                : " is not allowed in rules; allowed: " + AllowList.summary()),
                        violation.hint() == null ? "while|for|do" : violation.hint()));
            }
        }
        for (List<String> cycle : Recursion.cycles(calls)) {
            String className = cycle.get(0).substring(0, cycle.get(0).indexOf('.'));
            findings.add(new Finding(ruleOf(className, ruleOfClass), packageOf(className), 0, "recursion: "
                    + String.join(" → ", cycle.stream().map(RuleSandbox::methodName).toList())
                    + "; rule code must run straight through", methodName(cycle.get(0)).substring(
                    methodName(cycle.get(0)).indexOf('.') + 1)));
        }
    }

    /** Drools' own class around a rule's code: by origin, and by its template's name; never an author's function. */
    private boolean isInvoker(String className) {
        return invokers.contains(className) && !functions.contains(className)
                && INVOKER.matcher(className.substring(className.lastIndexOf('/') + 1)).matches();
    }

    /** Which rule a generated class belongs to: its consequence's class, and the rule class beside it. */
    private static Map<String, String> ruleOfClass(KieBase kieBase) {
        Map<String, String> rules = new HashMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                Object consequence = ((RuleImpl) rule).getConsequence();
                if (consequence != null) {
                    String invoker = consequence.getClass().getName().replace('.', '/');
                    rules.put(invoker.substring(0, invoker.length() - "DefaultConsequenceInvoker".length()),
                            rule.getName());
                }
            }
        }
        return rules;
    }

    private static String ruleOf(String className, Map<String, String> ruleOfClass) {
        for (Map.Entry<String, String> entry : ruleOfClass.entrySet()) {
            if (className.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String packageOf(String className) {
        int slash = className.lastIndexOf('/');
        return slash < 0 ? "" : className.substring(0, slash).replace('/', '.');
    }

    private static String methodName(String key) {
        String withoutDescriptor = key.substring(0, key.indexOf('('));
        return withoutDescriptor.substring(withoutDescriptor.lastIndexOf('/') + 1);
    }
}
