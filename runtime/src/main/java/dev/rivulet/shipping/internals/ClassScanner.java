package dev.rivulet.shipping.internals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * Reads a class file with ASM and reports, for the class as a whole, the notebook classes it
 * refers to (any use: types, calls, fields, constants — what must be shipped for it to load), and,
 * per method, what that method's code does with other classes: the methods it calls, the static
 * fields it reads, the method handles it creates (lambdas and method references), the classes it
 * instantiates or initialises. {@link Reachability} follows these from the flow's functions.
 */
public final class ClassScanner {

    /** A method or field: owner as a binary name ({@code REPL.$JShell$12}), name, descriptor. */
    public record Member(String owner, String name, String descriptor) {
        /** {@code name + descriptor}, the key of {@link ClassInfo#methods()}. */
        public String signature() {
            return name + descriptor;
        }
    }

    /** What one method's code uses. */
    public record MethodInfo(List<Member> calls, List<Member> staticReads, List<Member> handles,
            Set<String> instantiated, Set<String> initialized) {
    }

    /**
     * One class file: its notebook supertypes, every notebook class it refers to, and its methods
     * by {@code name + descriptor}.
     */
    public record ClassInfo(String name, List<String> supertypes, Set<String> classes, Map<String, MethodInfo> methods) {
    }

    private ClassScanner() {
    }

    public static ClassInfo scan(byte[] classFile, Predicate<String> isNotebookClass) {
        Set<String> classes = new LinkedHashSet<>();
        Map<String, MethodInfo> methods = new LinkedHashMap<>();
        List<String> supertypes = new ArrayList<>();
        String[] self = new String[1];
        Remapper recorder = new Remapper() {
            @Override
            public String map(String internalName) {
                String name = binary(internalName);
                if (isNotebookClass.test(name)) {
                    classes.add(name);
                }
                return internalName;
            }
        };
        ClassVisitor visitor = new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                self[0] = binary(name);
                if (superName != null && isNotebookClass.test(binary(superName))) {
                    supertypes.add(binary(superName));
                }
                for (String type : interfaces == null ? new String[0] : interfaces) {
                    if (isNotebookClass.test(binary(type))) {
                        supertypes.add(binary(type));
                    }
                }
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodInfo info = new MethodInfo(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                        new LinkedHashSet<>(), new LinkedHashSet<>());
                methods.put(name + descriptor, info);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                            boolean isInterface) {
                        info.calls().add(new Member(binary(owner), method, methodDescriptor));
                        if (opcode == Opcodes.INVOKESTATIC) {
                            notebook(owner, info.initialized(), true);
                        }
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                        if (opcode == Opcodes.GETSTATIC && isNotebookClass.test(binary(owner))) {
                            info.staticReads().add(new Member(binary(owner), field, fieldDescriptor));
                        }
                        if (opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC) {
                            notebook(owner, info.initialized(), true);
                        }
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        if (opcode == Opcodes.NEW) {
                            notebook(type, info.instantiated(), false);
                        }
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        constant(value);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap,
                            Object... arguments) {
                        for (Object argument : arguments) {
                            constant(argument);
                        }
                    }

                    private void constant(Object value) {
                        if (value instanceof Handle handle && isNotebookClass.test(binary(handle.getOwner()))) {
                            info.handles().add(new Member(binary(handle.getOwner()), handle.getName(), handle.getDesc()));
                            if (handle.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
                                info.instantiated().add(binary(handle.getOwner()));
                            }
                        } else if (value instanceof Type type && type.getSort() == Type.OBJECT) {
                            // A class literal: code may instantiate it reflectively; treat it as used.
                            notebook(type.getInternalName(), info.instantiated(), false);
                        }
                    }

                    private void notebook(String internalName, Set<String> into, boolean notSelf) {
                        String name = binary(internalName);
                        if (isNotebookClass.test(name) && !(notSelf && name.equals(self[0]))) {
                            into.add(name);
                        }
                    }
                };
            }
        };
        new ClassReader(classFile).accept(new ClassRemapper(visitor, recorder), 0);
        return new ClassInfo(self[0], supertypes, classes, methods);
    }

    private static String binary(String internalName) {
        return internalName.replace('/', '.');
    }
}
