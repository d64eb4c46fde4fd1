package dev.rivulet.shipping.internals;

import dev.rivulet.shipping.internals.ClassScanner.ClassInfo;
import dev.rivulet.shipping.internals.ClassScanner.Member;
import dev.rivulet.shipping.internals.ClassScanner.MethodInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which notebook code can run on a worker, followed method by method from what a flow's
 * serialized form holds: the implementation methods of its lambdas and method references, every
 * method of the notebook objects in it, and the static initialisers of the classes that get
 * initialised. From each reached method it follows the notebook methods it calls, the lambdas it
 * creates, the classes it instantiates, and the notebook variables (static fields) it reads —
 * whose values are snapshotted through {@link Listener#variable} and followed in turn.
 *
 * <p>A cell's own {@code do_it$} (the code that built the flow) is never reached unless a function
 * calls it, so a stream, a {@code Path} or a connection held in a variable only to build the flow
 * is not read. Instance calls resolve in the receiver's declared class and its notebook
 * supertypes; overrides in notebook subclasses are reached because any object of those classes
 * got all its methods reached when it was instantiated or serialized.
 */
public final class Reachability {

    /** What the walk asks of its caller; each call names the step whose functions reached it. */
    public interface Listener {
        /** The class file of a notebook class; throw when it cannot be read. */
        byte[] classBytes(String className, String step);

        /** A method the reached code calls (of any class), to refuse kernel-only ones. */
        void call(Member called, String step);

        /** A notebook variable the reached code reads: snapshot it; return what its value holds. */
        SerializedRefs variable(Member field, String step);
    }

    private enum Kind { METHOD, INSTANCE, INIT, VARIABLE }

    private record Task(Kind kind, String className, Member member, String step) {
    }

    private final Predicate<String> isNotebookClass;
    private final Listener listener;
    private final Map<String, ClassInfo> classes = new LinkedHashMap<>();
    private final Map<String, byte[]> classFiles = new LinkedHashMap<>();
    private final Map<String, String> stepOfClass = new LinkedHashMap<>();
    private final Deque<Task> work = new ArrayDeque<>();
    private final Set<String> done = new HashSet<>();

    public Reachability(Predicate<String> isNotebookClass, Listener listener) {
        this.isNotebookClass = isNotebookClass;
        this.listener = listener;
    }

    /** Adds what a serialized graph (part of step {@code step}) holds as starting points. */
    public void addRoots(SerializedRefs refs, String step) {
        refs.lambdaMethods().forEach(method -> work.add(new Task(Kind.METHOD, method.owner(), method, step)));
        refs.capturingClasses().forEach(name -> work.add(new Task(Kind.INIT, name, null, step)));
        refs.instanceClasses().forEach(name -> work.add(new Task(Kind.INSTANCE, name, null, step)));
        refs.classes().forEach(name -> stepOfClass.putIfAbsent(name, step));
    }

    /** Follows every starting point to a fixpoint. */
    public void run() {
        while (!work.isEmpty()) {
            Task task = work.poll();
            String key = task.kind() + " " + task.className() + (task.member() == null ? "" : "#" + task.member().signature());
            if (done.add(key)) {
                switch (task.kind()) {
                    case METHOD -> method(task.member(), task.step());
                    case INSTANCE -> instance(task.className(), task.step());
                    case INIT -> init(task.className(), task.step());
                    case VARIABLE -> addRoots(listener.variable(task.member(), task.step()), task.step());
                }
            }
        }
    }

    /**
     * Every notebook class the reached code and values need to load on a worker: the classes
     * reached and, transitively, every notebook class their class files refer to (the verifier
     * may load those), with the step that first needed each.
     */
    public Map<String, String> classesToShip() {
        Deque<String> pending = new ArrayDeque<>(stepOfClass.keySet());
        while (!pending.isEmpty()) {
            String name = pending.poll();
            String step = stepOfClass.get(name);
            for (String referenced : info(name, step).classes()) {
                if (stepOfClass.putIfAbsent(referenced, step) == null) {
                    pending.add(referenced);
                }
            }
        }
        return stepOfClass;
    }

    /** The class file of {@code name} (read once). */
    public byte[] bytes(String name) {
        return classFiles.computeIfAbsent(name, n -> listener.classBytes(n, stepOfClass.getOrDefault(n, "?")));
    }

    private ClassInfo info(String name, String step) {
        stepOfClass.putIfAbsent(name, step);
        return classes.computeIfAbsent(name, n -> ClassScanner.scan(bytes(n), isNotebookClass));
    }

    private void method(Member member, String step) {
        ClassInfo declaring = declaring(member.owner(), member.signature(), step, new HashSet<>());
        if (declaring == null) {
            return; // inherited from a class outside the notebook: nothing of the notebook runs
        }
        work.add(new Task(Kind.INIT, declaring.name(), null, step));
        MethodInfo code = declaring.methods().get(member.signature());
        for (Member called : code.calls()) {
            listener.call(called, step);
            if (isNotebookClass.test(called.owner())) {
                work.add(new Task(Kind.METHOD, called.owner(), called, step));
            }
        }
        code.handles().forEach(handle -> work.add(new Task(Kind.METHOD, handle.owner(), handle, step)));
        code.instantiated().forEach(name -> work.add(new Task(Kind.INSTANCE, name, null, step)));
        code.initialized().forEach(name -> work.add(new Task(Kind.INIT, name, null, step)));
        code.staticReads().forEach(field -> work.add(new Task(Kind.VARIABLE, field.owner(), field, step)));
    }

    /** The notebook class declaring {@code signature}: {@code owner} or one of its notebook supertypes. */
    private ClassInfo declaring(String owner, String signature, String step, Set<String> visited) {
        if (!visited.add(owner)) {
            return null;
        }
        ClassInfo info = info(owner, step);
        if (info.methods().containsKey(signature)) {
            return info;
        }
        for (String supertype : info.supertypes()) {
            ClassInfo found = declaring(supertype, signature, step, visited);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private void instance(String name, String step) {
        ClassInfo info = info(name, step);
        work.add(new Task(Kind.INIT, name, null, step));
        for (String signature : info.methods().keySet()) {
            int paren = signature.indexOf('(');
            Member member = new Member(name, signature.substring(0, paren), signature.substring(paren));
            work.add(new Task(Kind.METHOD, name, member, step));
        }
        info.supertypes().forEach(supertype -> work.add(new Task(Kind.INSTANCE, supertype, null, step)));
    }

    private void init(String name, String step) {
        ClassInfo info = info(name, step);
        if (info.methods().containsKey("<clinit>()V")) {
            work.add(new Task(Kind.METHOD, name, new Member(name, "<clinit>", "()V"), step));
        }
        info.supertypes().forEach(supertype -> work.add(new Task(Kind.INIT, supertype, null, step)));
    }
}
