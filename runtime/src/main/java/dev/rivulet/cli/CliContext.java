package dev.rivulet.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What the commands see of the outside world: the environment, the entry points, and where to
 * print. Injected so that tests can use a map for the environment and a recording launcher.
 *
 * @param env environment variables
 * @param launcher the entry points that run a plan
 * @param out standard output (captured items, JSON)
 * @param err standard error (warnings, errors)
 */
public record CliContext(Map<String, String> env, Launcher launcher, PrintWriter out, PrintWriter err) {
}
