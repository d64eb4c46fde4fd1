/**
 * The bundled "Java (Rivulet)" Jupyter kernel: an IJava-compatible JShell kernel on
 * jupyter-jvm-basekernel 2.3.0 that runs cells in its own JVM, with Rivulet, Tablesaw and the
 * notebook magics ready before the first cell. Start it with {@link dev.rivulet.kernel.KernelMain};
 * write its kernelspec with {@link dev.rivulet.kernel.KernelSpec}.
 */
package dev.rivulet.kernel;
