package dev.rivulet.flow;

import java.io.Serializable;

/** Names a stream of a flow: output {@code port} of the step at index {@code step}. */
public record StreamRef(int step, int port) implements Serializable {
}
