package io.guidelinekb.sandbox;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * Checks an expression the engine interprets with MVEL instead of compiling to bytecode: the
 * conditions of a pattern, the source of a {@code from}, a binding. Parses the small language a
 * condition needs (literals, names, property paths, calls, comparisons, {@code contains},
 * {@code memberOf}, {@code && || !}, arithmetic) and resolves every name and member against the
 * types it is used on, through the allow-list. Any other form is refused: deny by default.
 */
final class ExpressionCheck {

    private static final String MODEL_PACKAGE = "io.guidelinekb.model.";
    private static final Set<String> ENGINE_NAMES = Set.of("drools", "kcontext", "rule");

    private final AllowList allowList;
    private final Class<?> self;
    private final Map<String, Class<?>> declarations;
    private final List<String> problems = new ArrayList<>();
    private List<String> tokens;
    private int at;

    private ExpressionCheck(AllowList allowList, Class<?> self, Map<String, Class<?>> declarations) {
        this.allowList = allowList;
        this.self = self;
        this.declarations = declarations;
    }

    /**
     * What {@code expression} reaches that it may not, or what in it is not a form a condition
     * may take; empty when it is safe.
     *
     * @param self         the type {@code this} and bare names refer to, or {@code null} (a {@code from} source)
     * @param declarations the bound variables in scope and their types
     */
    static List<String> check(String expression, Class<?> self, Map<String, Class<?>> declarations,
                              AllowList allowList) {
        ExpressionCheck check = new ExpressionCheck(allowList, self, declarations);
        try {
            check.tokens = Tokens.of(expression);
            check.at = 0;
            check.expression();
            if (check.at < check.tokens.size()) {
                throw new Refused("\"" + check.peek() + "\" is not a form a condition may take");
            }
        } catch (Refused e) {
            check.problems.add(e.getMessage());
        }
        return check.problems;
    }

    /** The expression does not take a form allowed in conditions. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private String peek() {
        return at < tokens.size() ? tokens.get(at) : "";
    }

    private boolean accept(String token) {
        if (peek().equals(token)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new Refused("expected \"" + token + "\" but found \"" + peek() + "\"");
        }
    }

    private Class<?> expression() {
        Class<?> type = and();
        while (accept("||")) {
            and();
            type = boolean.class;
        }
        return type;
    }

    private Class<?> and() {
        Class<?> type = relation();
        while (accept("&&")) {
            relation();
            type = boolean.class;
        }
        return type;
    }

    private Class<?> relation() {
        Class<?> type = sum();
        String op = peek();
        if (Set.of("==", "!=", "<", ">", "<=", ">=").contains(op)) {
            at++;
            sum();
            return boolean.class;
        }
        if (op.equals("not") && at + 1 < tokens.size() && Set.of("contains", "memberOf").contains(tokens.get(at + 1))) {
            at += 2;
            sum();
            return boolean.class;
        }
        if (op.equals("contains") || op.equals("memberOf")) {
            at++;
            sum();
            return boolean.class;
        }
        return type;
    }

    private Class<?> sum() {
        Class<?> type = product();
        while (peek().equals("+") || peek().equals("-")) {
            at++;
            product();
        }
        return type;
    }

    private Class<?> product() {
        Class<?> type = unary();
        while (Set.of("*", "/", "%").contains(peek())) {
            at++;
            unary();
        }
        return type;
    }

    private Class<?> unary() {
        if (accept("!")) {
            unary();
            return boolean.class;
        }
        if (accept("-")) {
            return unary();
        }
        return primary();
    }

    private Class<?> primary() {
        String token = peek();
        if (token.isEmpty()) {
            throw new Refused("the condition ends too early");
        }
        if (accept("(")) {
            Class<?> type = expression();
            expect(")");
            return type;
        }
        if (Tokens.isString(token)) {
            at++;
            return String.class;
        }
        if (Tokens.isNumber(token)) {
            at++;
            return token.contains(".") ? double.class : int.class;
        }
        if (Set.of("true", "false").contains(token)) {
            at++;
            return boolean.class;
        }
        if (token.equals("null")) {
            at++;
            return Object.class;
        }
        if (!Tokens.isName(token)) {
            throw new Refused("\"" + token + "\" is not a form a condition may take");
        }
        return chain();
    }

    /** A name, then any number of {@code .member} or {@code .method(…)}. */
    private Class<?> chain() {
        String name = tokens.get(at++);
        Class<?> type;
        Class<?> staticOf = null;
        if (Set.of("new", "instanceof", "with", "def", "function", "foreach", "while", "for", "do", "if", "return",
                "assert", "isdef", "import").contains(name)) {
            throw new Refused("\"" + name + "\" is not allowed in a condition, which may only read facts");
        } else if (name.equals("this")) {
            type = requireSelf(name);
        } else if (declarations.containsKey(name)) {
            type = declarations.get(name);
        } else if (ENGINE_NAMES.contains(name)) {
            throw new Refused(name + " is the engine; a condition may read only facts");
        } else if (peek().equals("(")) {
            type = call(requireSelf(name), name, false);
        } else if (Character.isUpperCase(name.charAt(0))) {
            staticOf = className(name);
            type = null;
        } else if (peek().equals(".") && self != null && !hasProperty(self, name)) {
            throw new Refused(name + "." + tokens.get(at + 1) + "… is not a property of " + self.getSimpleName()
                    + "; a condition may not name packages or classes outside the fact model");
        } else {
            type = property(requireSelf(name), name);
        }
        while (accept(".")) {
            String member = tokens.get(at++);
            if (!Tokens.isName(member)) {
                throw new Refused("\"" + member + "\" cannot follow a dot");
            }
            if (peek().equals("(")) {
                type = staticOf != null ? call(staticOf, member, true) : call(type, member, false);
            } else {
                type = staticOf != null ? constant(staticOf, member) : property(type, member);
            }
            staticOf = null;
        }
        if (staticOf != null) {
            throw new Refused(staticOf.getSimpleName() + " is a class, not a value");
        }
        return type;
    }

    private Class<?> requireSelf(String name) {
        if (self == null) {
            throw new Refused(name + " is not a bound variable");
        }
        return self;
    }

    private Class<?> className(String name) {
        try {
            return Class.forName(MODEL_PACKAGE + name, false, ExpressionCheck.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            for (String jdk : new String[] {"java.lang.", "java.util.", "java.time."}) {
                try {
                    Class<?> type = Class.forName(jdk + name, false, null);
                    if (allowList.allowsType(Type.getInternalName(type))) {
                        return type;
                    }
                } catch (ClassNotFoundException notThere) {
                    // try the next package
                }
            }
            throw new Refused(name + " is not a class a condition may use; allowed: " + AllowList.summary());
        }
    }

    private Class<?> constant(Class<?> owner, String name) {
        try {
            Field field = owner.getField(name);
            if (Modifier.isStatic(field.getModifiers())
                    && allowList.allowsField(Type.getInternalName(owner), name, true)) {
                return field.getType();
            }
        } catch (NoSuchFieldException e) {
            // reported below
        }
        throw new Refused(owner.getSimpleName() + "." + name + " is not a constant a condition may read");
    }

    /** {@code name} read as a property of {@code type}: a getter, an accessor or a public field, as MVEL reads it. */
    private Class<?> property(Class<?> type, String name) {
        if (type == null || type.isPrimitive()) {
            throw new Refused("." + name + " cannot be read here");
        }
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : new String[] {"get" + capitalised, "is" + capitalised, name}) {
            Optional<Method> method = noArguments(type, candidate);
            if (method.isPresent()) {
                return allowed(type, method.get());
            }
        }
        throw new Refused(type.getSimpleName() + " has no property \"" + name + "\" a condition may read");
    }

    private boolean hasProperty(Class<?> type, String name) {
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return noArguments(type, "get" + capitalised).isPresent() || noArguments(type, "is" + capitalised).isPresent()
                || noArguments(type, name).isPresent();
    }

    private Optional<Method> noArguments(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return Modifier.isStatic(method.getModifiers()) ? Optional.empty() : Optional.of(method);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private Class<?> call(Class<?> type, String name, boolean statics) {
        expect("(");
        int arguments = 0;
        if (!accept(")")) {
            do {
                expression();
                arguments++;
            } while (accept(","));
            expect(")");
        }
        if (type == null || type.isPrimitive()) {
            throw new Refused(name + "(…) cannot be called here");
        }
        Method found = null;
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == arguments
                    && Modifier.isStatic(method.getModifiers()) == statics) {
                allowed(type, method);
                found = method;
            }
        }
        if (found == null) {
            throw new Refused(type.getSimpleName() + " has no " + (statics ? "static " : "") + "method " + name
                    + " taking " + arguments + " argument" + (arguments == 1 ? "" : "s"));
        }
        return found.getReturnType();
    }

    private Class<?> allowed(Class<?> type, Method method) {
        String owner = Type.getInternalName(type);
        if (!allowList.allowsMethod(owner, method.getName(), Type.getMethodDescriptor(method))) {
            String why = AllowList.conclusionRefusal(owner, method.getName());
            throw new Refused(type.getName() + "." + method.getName() + "(…) is not allowed in rules; "
                    + (why != null ? why : "allowed: " + AllowList.summary()));
        }
        return method.getReturnType();
    }
}
