package dev.rivulet.shipping.internals;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.ObjectStreamClass;
import java.lang.invoke.SerializedLambda;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Serializes normally and records the notebook classes the serialized graph mentions: classes of
 * serialized objects and the capturing classes of serialized lambdas (whose
 * {@code $deserializeLambda$} must exist on the worker).
 */
public final class RecordingObjectOutputStream extends ObjectOutputStream {
    private final Predicate<String> isNotebookClass;
    private final Set<String> seen;

    public RecordingObjectOutputStream(OutputStream out, Predicate<String> isNotebookClass, Set<String> seen)
            throws IOException {
        super(out);
        this.isNotebookClass = isNotebookClass;
        this.seen = seen;
        enableReplaceObject(true);
    }

    @Override
    protected void annotateClass(Class<?> type) {
        record(type.getName());
    }

    @Override
    protected Object replaceObject(Object object) {
        if (object instanceof SerializedLambda lambda) {
            record(lambda.getCapturingClass().replace('/', '.'));
        }
        return object;
    }

    @Override
    protected void writeClassDescriptor(ObjectStreamClass desc) throws IOException {
        record(desc.getName());
        super.writeClassDescriptor(desc);
    }

    private void record(String name) {
        if (isNotebookClass.test(name)) {
            seen.add(name);
        }
    }
}
