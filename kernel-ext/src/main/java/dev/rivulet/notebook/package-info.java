/**
 * The kernel-neutral notebook core: the {@link dev.rivulet.notebook.NotebookHost} a kernel
 * implements, {@code %run_main} ({@link dev.rivulet.notebook.Notebook}), the live table and the
 * conversion of captured items into Tablesaw tables. Adapters for IJava and JJava live in the
 * sub-packages; the bundled kernel is {@code dev.rivulet.kernel}.
 */
package dev.rivulet.notebook;
