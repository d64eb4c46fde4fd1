/**
 * Shipping a flow built in a notebook to worker JVMs. JShell compiles every cell into classes
 * {@code REPL.$JShell$<n>} that exist only in the kernel, and a notebook variable is a static
 * field of such a class, not a value captured by the lambdas that read it. {@link
 * dev.rivulet.shipping.JobPacker} therefore packs, at submit time, the serialized flow, the bytes
 * of every notebook class it needs, and the values of exactly the notebook variables that the
 * flow's functions can read when they run: starting from the implementation method of each
 * lambda and method reference in the flow (and every method of the notebook objects in it), it
 * follows the bytecode through the notebook methods they call and the lambdas they create, to a
 * fixpoint (a variable's value can hold more lambdas). A stream, a {@code Path} or a connection
 * that a cell only used to build the flow is never read, so it stays in the notebook.
 * {@link dev.rivulet.shipping.JobPackage#open} defines those classes in a fresh loader on the
 * worker, restores the variables, and deserializes the flow there.
 */
package dev.rivulet.shipping;
