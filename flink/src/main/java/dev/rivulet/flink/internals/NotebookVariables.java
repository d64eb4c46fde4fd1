package dev.rivulet.flink.internals;

import dev.rivulet.shipping.ShippedJar;

/**
 * Puts back the notebook variables shipped in the job jar ({@code %flink_run}) before user
 * functions run: a TaskManager loads the notebook's cell classes afresh in the job's user-code
 * class loader, where their static fields (the cells' variables) start empty. Called at the start
 * of every function's open; a job without shipped variables costs one resource look-up per loader.
 */
final class NotebookVariables {
    private NotebookVariables() {
    }

    /** Flink sets the task thread's context class loader to the job's user-code class loader. */
    static void restore() {
        ShippedJar.restoreVariables(Thread.currentThread().getContextClassLoader());
    }
}
