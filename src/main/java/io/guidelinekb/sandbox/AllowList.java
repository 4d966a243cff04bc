package io.guidelinekb.sandbox;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * What rule code may touch, member by member; everything else is refused. The fact model
 * ({@code io.guidelinekb.model}) may be used whole, save what every object inherits and a rule has
 * no business with ({@code getClass}, {@code wait}, …). Of the JDK: strings, boxed numbers,
 * {@code java.time} values, immutable collections and their reads, and the string concatenation and
 * lambdas the compiler makes. Of the engine: what the code Drools generates around a rule needs,
 * and inserting a conclusion.
 */
class AllowList {

    private static final String MODEL = "io/guidelinekb/model/";

    /**
     * What the model package holds for the API, not for rules: results, explanations, problems, words
     * and codes. A rule concludes only through the facts' factories; it has no business making a
     * result, throwing a load error or reading the bindings.
     */
    private static final Set<String> NOT_FOR_RULES = Set.of("Case", "EpisodeResult", "ExplainedResult", "Explanation",
            "RuleExplanation", "RecommendationExplanation", "ConditionCheck", "Firing", "RuleInfo", "RuleProblem",
            "RuleLoadException", "EvaluationException", "GuidelineTexts", "TextKey", "CardWord", "ReportWord",
            "OverrideReason", "TerminologyBindings", "CodeBinding", "Concept", "VocabularyBuilder");

    /** Whether an internal name is one of the model's API values, nested classes included. */
    static boolean notForRules(String type) {
        if (!type.startsWith(MODEL)) {
            return false;
        }
        String simple = type.substring(MODEL.length());
        int nested = simple.indexOf('$');
        return NOT_FOR_RULES.contains(nested < 0 ? simple : simple.substring(0, nested));
    }

    /** Methods every object has that a rule may call. */
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString", "<init>");
    private static final Set<String> ENUM_METHODS = Set.of("name", "ordinal", "compareTo", "equals", "hashCode",
            "toString", "values", "valueOf");

    private static final Set<String> COLLECTION_READS = Set.of("size", "isEmpty", "contains", "containsAll", "get",
            "indexOf", "lastIndexOf", "containsKey", "containsValue", "getOrDefault", "equals", "hashCode", "toString",
            "of", "copyOf");
    private static final Set<String> TIME_READS = Set.of("of", "getYear", "getMonth", "getMonthValue",
            "getDayOfMonth", "getDayOfYear", "getDayOfWeek", "isBefore", "isAfter", "isEqual", "plusDays",
            "plusWeeks", "plusMonths", "plusYears", "minusDays", "minusWeeks", "minusMonths", "minusYears", "until",
            "between", "getYears", "getMonths", "getDays", "toTotalMonths", "toEpochDay", "compareTo", "equals",
            "hashCode", "toString", "lengthOfMonth", "isLeapYear", "ofDays", "ofWeeks", "ofMonths", "ofYears",
            "toDays", "getValue", "values", "valueOf", "name", "ordinal");
    private static final Set<String> NUMBER_READS = Set.of("valueOf", "intValue", "longValue", "doubleValue",
            "floatValue", "shortValue", "byteValue", "booleanValue", "charValue", "compareTo", "compare", "equals",
            "hashCode", "toString", "min", "max", "sum", "signum", "abs");

    /** JDK classes, as the compiler names the owner of a call, and the members rule code may use. */
    private static final Map<String, Set<String>> JDK = Map.ofEntries(
            Map.entry("java/lang/Object", OBJECT_METHODS),
            // a rule may fail loudly
            Map.entry("java/lang/IllegalStateException", Set.of("<init>")),
            Map.entry("java/lang/IllegalArgumentException", Set.of("<init>")),
            Map.entry("java/lang/RuntimeException", Set.of("<init>")),
            Map.entry("java/lang/Enum", ENUM_METHODS),
            Map.entry("java/lang/Record", Set.of("equals", "hashCode", "toString", "<init>")),
            Map.entry("java/lang/String", Set.of("length", "isEmpty", "isBlank", "charAt", "contains", "startsWith",
                    "endsWith", "equals", "equalsIgnoreCase", "compareTo", "compareToIgnoreCase", "indexOf",
                    "lastIndexOf", "substring", "toLowerCase", "toUpperCase", "strip", "trim", "concat", "valueOf",
                    "hashCode", "toString")),
            Map.entry("java/lang/CharSequence", Set.of("length", "charAt", "toString")),
            Map.entry("java/lang/StringBuilder", Set.of("<init>", "append", "toString", "length")),
            Map.entry("java/lang/Integer", NUMBER_READS),
            Map.entry("java/lang/Long", NUMBER_READS),
            Map.entry("java/lang/Double", NUMBER_READS),
            Map.entry("java/lang/Float", NUMBER_READS),
            Map.entry("java/lang/Short", NUMBER_READS),
            Map.entry("java/lang/Byte", NUMBER_READS),
            Map.entry("java/lang/Boolean", NUMBER_READS),
            Map.entry("java/lang/Character", NUMBER_READS),
            Map.entry("java/lang/Number", NUMBER_READS),
            Map.entry("java/lang/Math", Set.of("abs", "min", "max", "floor", "ceil", "round", "signum",
                    "floorDiv", "floorMod")),
            Map.entry("java/util/Objects", Set.of("equals", "isNull", "nonNull", "hash", "hashCode", "toString",
                    "requireNonNull", "requireNonNullElse")),
            Map.entry("java/util/Collection", COLLECTION_READS),
            Map.entry("java/util/List", COLLECTION_READS),
            Map.entry("java/util/Set", COLLECTION_READS),
            Map.entry("java/util/Map", COLLECTION_READS),
            Map.entry("java/util/Optional", Set.of("isPresent", "isEmpty", "get", "orElse", "of", "ofNullable",
                    "empty", "equals", "hashCode", "toString")),
            Map.entry("java/time/LocalDate", TIME_READS),
            Map.entry("java/time/Period", TIME_READS),
            Map.entry("java/time/Duration", TIME_READS),
            Map.entry("java/time/DayOfWeek", TIME_READS),
            Map.entry("java/time/Month", TIME_READS),
            Map.entry("java/time/temporal/ChronoUnit", TIME_READS),
            Map.entry("java/time/chrono/ChronoLocalDate", TIME_READS));

    /** Constants a rule may read. */
    private static final Map<String, Set<String>> JDK_FIELDS = Map.of(
            "java/lang/Boolean", Set.of("TRUE", "FALSE"),
            "java/lang/Integer", Set.of("MAX_VALUE", "MIN_VALUE"),
            "java/lang/Long", Set.of("MAX_VALUE", "MIN_VALUE"),
            "java/time/temporal/ChronoUnit", Set.of("DAYS", "WEEKS", "MONTHS", "YEARS"),
            "java/time/LocalDate", Set.of("MIN", "MAX", "EPOCH"),
            "java/time/Period", Set.of("ZERO"));

    /**
     * The engine's members that the code Drools generates around a rule calls (reading the matched
     * facts, wiring the invoker), and the one a consequence needs: inserting a conclusion.
     */
    private static final Map<String, Set<String>> ENGINE = Map.of(
            "org/drools/core/rule/consequence/KnowledgeHelper", Set.of("insert", "insertLogical", "getTuple"),
            "org/kie/api/runtime/rule/RuleContext", Set.of("insert", "insertLogical"));

    /** Types rule code may name (a cast, an array, {@code .class}) beyond those it may call. */
    private static final Set<String> TYPES = Set.of("java/lang/Object", "java/lang/String", "java/lang/Integer",
            "java/lang/Long", "java/lang/Double", "java/lang/Boolean", "java/lang/Number", "java/lang/StringBuilder",
            "java/util/List", "java/util/Set", "java/util/Map", "java/util/Collection", "java/time/LocalDate",
            "java/time/Period", "java/lang/Comparable");

    private final Set<String> extraMethods;

    AllowList(Set<String> extraMethods) {
        this.extraMethods = extraMethods;
    }

    static AllowList standard() {
        return new AllowList(Set.of());
    }

    /**
     * For the invoker classes Drools generates from its own templates around a rule's Java code:
     * they hand the matched facts to the rule's method and compare their own bytecode on reload.
     */
    static AllowList scaffolding() {
        return new Scaffolding();
    }

    private static final class Scaffolding extends AllowList {
        private static final Set<String> ENGINE_PACKAGES = Set.of("org/drools/base/rule/", "org/drools/mvel/asm/",
                "org/drools/core/rule/consequence/", "org/drools/base/rule/accessor/", "org/drools/base/reteoo/",
                "org/drools/base/base/", "org/drools/core/common/", "org/kie/api/runtime/rule/");
        /**
         * The only engine classes whose methods and fields Drools' templates use: each invoker hands its
         * rule's code to the generator of its kind. Nothing that deletes facts, reaches the working
         * memory or loads classes is among them.
         */
        private static final Set<String> TEMPLATE_OWNERS = Set.of("org/drools/base/rule/accessor/CompiledInvoker",
                "org/drools/base/rule/accessor/EvalExpression", "org/drools/base/rule/consequence/Consequence",
                "org/drools/mvel/asm/ConsequenceGenerator", "org/drools/mvel/asm/EvalGenerator",
                "org/drools/mvel/asm/MethodComparator", "org/drools/mvel/asm/ConsequenceStub",
                "org/drools/mvel/asm/EvalStub", "org/drools/mvel/asm/InvokerStub");

        Scaffolding() {
            super(Set.of());
        }

        /** Types alone run nothing; but no class loader, not even as a type. */
        private static boolean engine(String type) {
            return ENGINE_PACKAGES.stream().anyMatch(type::startsWith) && !type.endsWith("ClassLoader")
                    && !type.contains("ClassLoader$");
        }

        @Override
        boolean allowsMethod(String owner, String name, String descriptor) {
            return TEMPLATE_OWNERS.contains(owner) || owner.equals("java/lang/Object") && name.equals("getClass")
                    || super.allowsMethod(owner, name, descriptor);
        }

        @Override
        boolean allowsField(String owner, String name, boolean read) {
            return TEMPLATE_OWNERS.contains(owner) || super.allowsField(owner, name, read);
        }

        @Override
        boolean allowsType(String type) {
            return engine(type) || super.allowsType(type);
        }

        @Override
        boolean allowsInterface(String type) {
            return engine(type) || super.allowsInterface(type);
        }

        @Override
        boolean limitsArrays() {
            return false;
        }

        @Override
        boolean allowsLocks() {
            return true;
        }
    }

    boolean allowsMethod(String owner, String name, String descriptor) {
        if (Set.of("getClass", "wait", "notify", "notifyAll", "finalize", "clone").contains(name)) {
            return false;
        }
        if (owner.startsWith(MODEL)) {
            return !notForRules(owner) && modelMethod(owner, name, descriptor);
        }
        Set<String> allowed = JDK.getOrDefault(owner, ENGINE.get(owner));
        return allowed != null && allowed.contains(name) || extraMethods.contains(owner + "." + name);
    }

    boolean allowsField(String owner, String name, boolean read) {
        if (!read) {
            return false;
        }
        if (owner.startsWith(MODEL)) {
            return !notForRules(owner) && modelClass(owner) != null;
        }
        Set<String> allowed = JDK_FIELDS.get(owner);
        return allowed != null && allowed.contains(name);
    }

    boolean allowsType(String type) {
        return type.startsWith(MODEL) && !notForRules(type) || TYPES.contains(type) || JDK.containsKey(type)
                || ENGINE.containsKey(type);
    }

    boolean allowsSuperclass(String type) {
        return type.equals("java/lang/Object");
    }

    boolean allowsInterface(String type) {
        return type.equals("java/io/Externalizable") || type.equals("java/io/Serializable");
    }

    /** Whether an array must be of a small constant size: rule code has no call for large ones. */
    boolean limitsArrays() {
        return true;
    }

    /** Whether code may take locks: the engine's invokers do, on their own state; rule code may not. */
    boolean allowsLocks() {
        return false;
    }

    boolean allowsBootstrap(String owner, String name) {
        return owner.equals("java/lang/invoke/StringConcatFactory")
                || owner.equals("java/lang/invoke/LambdaMetafactory") && name.equals("metafactory");
    }

    /**
     * What a rule may conclude only through the factory that takes it from the vocabulary or the
     * rule's own declaration: a recommendation's strength, grade and text are its rule's
     * ({@code Recommendation.given(kcontext, $episode)}), an alert's and a reason's their vocabulary's.
     */
    private static final Map<String, Set<String>> CONCLUSIONS_BY_FACTORY_ONLY = Map.of(
            MODEL + "Recommendation", Set.of("<init>", "of"),
            MODEL + "Alert", Set.of("<init>"),
            MODEL + "ScopeFinding", Set.of("<init>"),
            MODEL + "Scope", Set.of("<init>"));

    /** Why rule code may not call a member of the fact model, or null when it may. */
    static String conclusionRefusal(String owner, String name) {
        if (!CONCLUSIONS_BY_FACTORY_ONLY.getOrDefault(owner, Set.of()).contains(name)) {
            return null;
        }
        String type = owner.substring(MODEL.length());
        return switch (type) {
            case "Recommendation" -> "a rule gives a recommendation only as its declaration says: insert( "
                    + "Recommendation.given( kcontext, $episode ) ), never new Recommendation(...) or Recommendation.of(...)";
            case "Alert" -> "an alert is the vocabulary's: insert( Alert.of( $episode, \"ID\" ) ), never new Alert(...)";
            case "ScopeFinding" -> "a scope reason is the vocabulary's: insert( ScopeFinding.of( $episode, \"ID\" ) ), "
                    + "never new ScopeFinding(...)";
            default -> "a scope is concluded with Scope.of( $episode, status, reasons ), never new Scope(...)";
        };
    }

    /** A method of the fact model, unless it is one every object inherits that a rule may not call. */
    private static boolean modelMethod(String owner, String name, String descriptor) {
        Class<?> type = modelClass(owner);
        if (type == null || conclusionRefusal(owner, name) != null) {
            return false;
        }
        if (name.equals("<init>")) {
            return true;
        }
        Type[] arguments = Type.getArgumentTypes(descriptor);
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(descriptor)) {
                    return declaredByModel(method.getDeclaringClass()) || OBJECT_METHODS.contains(name)
                            || ENUM_METHODS.contains(name);
                }
            }
        }
        for (Class<?> c : type.getInterfaces()) {
            if (Arrays.stream(c.getMethods()).anyMatch(m -> m.getName().equals(name) && m.getParameterCount()
                    == arguments.length)) {
                return declaredByModel(c);
            }
        }
        return false;
    }

    private static boolean declaredByModel(Class<?> type) {
        return type.getName().startsWith(MODEL.replace('/', '.'));
    }

    private static Class<?> modelClass(String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, AllowList.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** What rule code may use, for messages; the full list is in docs/security.md. */
    static String summary() {
        return "the fact model, and reads of strings, numbers, java.time values and immutable collections "
                + "(docs/security.md lists them)";
    }
}
