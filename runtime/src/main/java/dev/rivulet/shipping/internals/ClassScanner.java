package dev.rivulet.shipping.internals;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * Reads a class file with ASM and reports the notebook classes it refers to (any use: types,
 * calls, fields, constants) and the notebook static fields its code reads — the variables whose
 * values must travel with it.
 */
public final class ClassScanner {

    /** What one class file refers to; {@code calls} are "owner.method" of every method it invokes. */
    public record References(Set<String> classes, Set<String[]> staticReads, Set<String> calls) {
    }

    private ClassScanner() {
    }

    public static References scan(byte[] classFile, Predicate<String> isNotebookClass) {
        Set<String> classes = new LinkedHashSet<>();
        Set<String[]> statics = new LinkedHashSet<>();
        Set<String> calls = new LinkedHashSet<>();
        Remapper recorder = new Remapper() {
            @Override
            public String map(String internalName) {
                String name = internalName.replace('/', '.');
                if (isNotebookClass.test(name)) {
                    classes.add(name);
                }
                return internalName;
            }
        };
        ClassVisitor fields = new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                            boolean isInterface) {
                        calls.add(owner.replace('/', '.') + "." + method);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                        String ownerName = owner.replace('/', '.');
                        if (opcode == Opcodes.GETSTATIC && isNotebookClass.test(ownerName)) {
                            statics.add(new String[] {ownerName, field});
                        }
                    }
                };
            }
        };
        new ClassReader(classFile).accept(new ClassRemapper(fields, recorder), 0);
        return new References(classes, statics, calls);
    }
}
