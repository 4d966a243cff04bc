package io.guidelinekb.sandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads one class compiled from DRL and lists everything it reaches that the allow-list does not
 * allow: methods, fields and types, method handles of lambdas and constants, and loops (a jump
 * back, which could run forever). Reads bytecode; runs nothing.
 */
final class BytecodeCheck {

    /**
     * Something a class reaches for that it may not.
     *
     * @param hint a word to find the place in the DRL by (the member's name), or {@code null}
     */
    record Violation(String className, String method, int line, String reached, String hint) {
    }

    private BytecodeCheck() {
    }

    /** A call from one method of the rules' own classes to another: {@code owner.name descriptor}. */
    record Call(String caller, String callee, String className, int line) {
    }

    /**
     * Checks one class. Calls into the rules' own classes ({@code generated}) are allowed and
     * recorded in {@code calls}, so that recursion across them can be found.
     */
    static List<Violation> check(byte[] bytecode, AllowList allowList, Set<String> generated, List<Call> calls) {
        List<Violation> violations = new ArrayList<>();
        new ClassReader(bytecode).accept(new Checker(allowList, generated, violations, calls), ClassReader.SKIP_FRAMES);
        return violations;
    }

    private static final class Checker extends ClassVisitor {
        private final AllowList allowList;
        private final Set<String> generated;
        private final List<Violation> violations;
        private final List<Call> calls;
        private String className;

        Checker(AllowList allowList, Set<String> generated, List<Violation> violations, List<Call> calls) {
            super(Opcodes.ASM9);
            this.allowList = allowList;
            this.generated = generated;
            this.violations = violations;
            this.calls = calls;
        }

        private boolean own(String owner) {
            return owner.equals(className) || generated.contains(owner);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            className = name;
            if (superName != null && !allowList.allowsSuperclass(superName)) {
                violations.add(new Violation(name, "", 0, "extends " + dotted(superName), simple(superName)));
            }
            for (String type : interfaces) {
                if (!allowList.allowsInterface(type)) {
                    violations.add(new Violation(name, "", 0, "implements " + dotted(type), simple(type)));
                }
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                violations.add(new Violation(className, name, 0, "a native method", "native"));
            }
            return new MethodChecker(name, descriptor);
        }

        private final class MethodChecker extends MethodVisitor {
            private final String method;
            private final String key;
            private final Set<Label> seen = new HashSet<>();
            private int line;
            private boolean smallConstant;

            MethodChecker(String method, String descriptor) {
                super(Opcodes.ASM9);
                this.method = method;
                this.key = className + "." + method + descriptor;
            }

            private void deny(String reached, String hint) {
                violations.add(new Violation(className, method, line, reached, hint));
            }

            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.MONITORENTER && !allowList.allowsLocks()) {
                    // two rules locking in turn on other threads could wait for each other for ever
                    deny("synchronized: rule code takes no locks", "synchronized");
                }
                smallConstant = opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5;
            }

            @Override
            public void visitIntInsn(int opcode, int operand) {
                if (opcode == Opcodes.NEWARRAY && allowList.limitsArrays()) {
                    deny("an array of primitives", "new");
                }
                smallConstant = (opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH) && operand <= 1024;
            }

            @Override
            public void visitVarInsn(int opcode, int variable) {
                smallConstant = false;
            }

            @Override
            public void visitLineNumber(int number, Label start) {
                line = number;
            }

            @Override
            public void visitLabel(Label label) {
                seen.add(label);
            }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                smallConstant = false;
                if (seen.contains(label)) {
                    deny("a loop (a jump back): rule code must run straight through", null);
                }
            }

            @Override
            public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                backwards(dflt, labels);
            }

            @Override
            public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                backwards(dflt, labels);
            }

            private void backwards(Label dflt, Label[] labels) {
                boolean back = seen.contains(dflt);
                for (Label label : labels) {
                    back |= seen.contains(label);
                }
                if (back) {
                    deny("a loop (a switch jumping back)", null);
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                smallConstant = false;
                if (own(owner)) {
                    calls.add(new Call(key, owner + "." + name + descriptor, className, line));
                } else if (!allowList.allowsMethod(owner, name, descriptor)) {
                    String why = AllowList.conclusionRefusal(owner, name);
                    deny(why != null ? why + " (it calls " + dotted(owner) + "." + name + describe(descriptor) + ")"
                            : dotted(owner) + "." + name + describe(descriptor), name.equals("<init>") ? simple(owner) : name);
                }
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                smallConstant = false;
                if (!own(owner) && !allowList.allowsField(owner, name, opcode == Opcodes.GETSTATIC
                        || opcode == Opcodes.GETFIELD)) {
                    deny((opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC ? "writes " : "") + dotted(owner)
                            + "." + name, name);
                }
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                if (opcode == Opcodes.ANEWARRAY && !smallConstant && allowList.limitsArrays()) {
                    deny("an array whose size is not a small constant", "new");
                }
                smallConstant = false;
                String element = type.startsWith("[") ? Type.getType(type).getElementType().getInternalName() : type;
                if (Type.getObjectType(type).getSort() == Type.ARRAY && Type.getType(type).getElementType().getSort()
                        != Type.OBJECT) {
                    return;
                }
                if (!own(element) && !allowList.allowsType(element)) {
                    deny(switch (opcode) {
                        case Opcodes.NEW -> "new " + dotted(element);
                        case Opcodes.ANEWARRAY -> "an array of " + dotted(element);
                        default -> dotted(element);
                    }, simple(element));
                }
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                deny("a multi-dimensional array", "new");
            }

            @Override
            public void visitLdcInsn(Object value) {
                smallConstant = false;
                if (value instanceof Type type && type.getSort() == Type.OBJECT
                        && !allowList.allowsType(type.getInternalName())) {
                    deny(dotted(type.getInternalName()) + ".class", simple(type.getInternalName()));
                } else if (value instanceof Handle handle) {
                    handle(handle);
                } else if (value instanceof ConstantDynamic) {
                    deny("a dynamic constant", null);
                }
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                smallConstant = false;
                if (!allowList.allowsBootstrap(bootstrap.getOwner(), bootstrap.getName())) {
                    deny("invokedynamic " + dotted(bootstrap.getOwner()) + "." + bootstrap.getName(), null);
                }
                for (Object argument : arguments) {
                    if (argument instanceof Handle handle) {
                        handle(handle);
                    } else if (argument instanceof ConstantDynamic) {
                        deny("a dynamic constant", null);
                    }
                }
            }

            private void handle(Handle handle) {
                if (own(handle.getOwner())) {
                    calls.add(new Call(key, handle.getOwner() + "." + handle.getName() + handle.getDesc(), className,
                            line));
                    return;
                }
                boolean field = handle.getTag() <= Opcodes.H_PUTSTATIC;
                boolean allowed = field ? allowList.allowsField(handle.getOwner(), handle.getName(),
                        handle.getTag() == Opcodes.H_GETFIELD || handle.getTag() == Opcodes.H_GETSTATIC)
                        : allowList.allowsMethod(handle.getOwner(), handle.getName(), handle.getDesc());
                if (!allowed) {
                    deny(dotted(handle.getOwner()) + "::" + handle.getName(), handle.getName());
                }
            }
        }
    }

    private static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    private static String describe(String descriptor) {
        Type[] arguments = Type.getArgumentTypes(descriptor);
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < arguments.length; i++) {
            String name = arguments[i].getClassName();
            text.append(i == 0 ? "" : ", ").append(name.substring(name.lastIndexOf('.') + 1));
        }
        return text.append(")").toString();
    }
}
