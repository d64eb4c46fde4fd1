/**
 * Shipping a flow built in a notebook to worker JVMs. JShell compiles every cell into classes
 * {@code REPL.$JShell$<n>} that exist only in the kernel, and a notebook variable is a static
 * field of such a class, not a value captured by the lambdas that read it. {@link
 * dev.rivulet.shipping.JobPacker} therefore packs, at submit time, the serialized flow, the bytes
 * of every notebook class it needs (the closure over their references), and the values of the
 * notebook variables that code reads (to a fixpoint: a variable can hold more lambdas);
 * {@link dev.rivulet.shipping.JobPackage#open} defines those classes in a fresh loader on the
 * worker, restores the variables, and deserializes the flow there.
 */
package dev.rivulet.shipping;
