package dev.rivulet.shipping.internals;

import dev.rivulet.shipping.internals.ClassScanner.Member;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.util.function.Predicate;

/**
 * Serializes normally and records in a {@link SerializedRefs} what the serialized graph holds of
 * the notebook: classes of serialized objects, classes only described, and for each serialized lambda its capturing class
 * (whose {@code $deserializeLambda$} must exist on the worker) and its implementation method.
 */
public final class RecordingObjectOutputStream extends ObjectOutputStream {
    private final Predicate<String> isNotebookClass;
    private final SerializedRefs seen;

    public RecordingObjectOutputStream(OutputStream out, Predicate<String> isNotebookClass, SerializedRefs seen)
            throws IOException {
        super(out);
        this.isNotebookClass = isNotebookClass;
        this.seen = seen;
        enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object object) {
        // Every serialized object passes here (Class values do not: they are only described).
        Class<?> type = object.getClass();
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (isNotebookClass.test(type.getName())) {
            seen.instanceClasses().add(type.getName());
        }
        if (object instanceof SerializedLambda lambda) {
            String capturing = lambda.getCapturingClass().replace('/', '.');
            if (isNotebookClass.test(capturing)) {
                seen.capturingClasses().add(capturing);
            }
            String impl = lambda.getImplClass().replace('/', '.');
            if (isNotebookClass.test(impl)) {
                seen.lambdaMethods().add(new Member(impl, lambda.getImplMethodName(), lambda.getImplMethodSignature()));
                if (lambda.getImplMethodKind() == MethodHandleInfo.REF_newInvokeSpecial) {
                    seen.instanceClasses().add(impl);
                }
            }
        }
        return object;
    }

    @Override
    protected void writeClassDescriptor(ObjectStreamClass desc) throws IOException {
        // Array descriptors name their element type as "[LREPL.…;".
        String name = desc.getName();
        String element = name.startsWith("[") ? name.replaceFirst("^\\[+L", "").replaceFirst(";$", "") : name;
        if (isNotebookClass.test(element)) {
            seen.describedClasses().add(element);
        }
        super.writeClassDescriptor(desc);
    }
}
