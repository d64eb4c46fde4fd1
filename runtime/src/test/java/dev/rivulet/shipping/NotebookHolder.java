package dev.rivulet.shipping;

/** Where JShell snippets in tests leave the objects the test needs (same class loader as the test). */
public final class NotebookHolder {
    public static volatile Object flow;
    public static volatile ClassLoader loader;

    private NotebookHolder() {
    }
}
