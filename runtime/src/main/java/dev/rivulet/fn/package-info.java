/**
 * Rivulet's own function types. Each one extends {@link java.io.Serializable} so that a lambda
 * written in a notebook cell or a class can be shipped to worker JVMs with the flow.
 *
 * <p>The names deliberately avoid those of {@code java.util.function} so that notebooks, which
 * import {@code java.util.function.*} on demand, never see an ambiguous simple name.
 */
package dev.rivulet.fn;
