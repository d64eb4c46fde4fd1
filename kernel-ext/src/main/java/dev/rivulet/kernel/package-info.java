/**
 * The notebook side of Rivulet: magics, class shipping, live tables and kernel adapters.
 * Built up by the notebook issues; the module exists from the start so the layout is fixed.
 */
package dev.rivulet.kernel;
