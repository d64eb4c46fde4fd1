/**
 * The {@code rivulet} command line ({@code bin/rivulet}, main class {@link dev.rivulet.cli.RivuletCli}).
 *
 * <ul>
 *   <li>{@link dev.rivulet.cli.PlanResolver}: flags and environment variables
 *       ({@link dev.rivulet.cli.EnvVar}) to a {@link dev.rivulet.cli.ClusterPlan}, with the
 *       warnings and errors of Bytewax's {@code run.py}, corrected where Rivulet differs;</li>
 *   <li>{@link dev.rivulet.cli.ImportString} and {@link dev.rivulet.cli.FlowLoader}: from
 *       {@code com.example.Flows:build("in.txt", 3)} or {@code Flows.java} to a
 *       {@link dev.rivulet.Dataflow} ({@link dev.rivulet.cli.MethodMatcher} resolves overloads,
 *       {@link dev.rivulet.cli.SourceFileCompiler} compiles source files);</li>
 *   <li>{@link dev.rivulet.cli.Launcher}: the entry points a plan is dispatched to.</li>
 * </ul>
 *
 * <pre>
 * rivulet run com.example.Flows -p 2 -w 2 --classpath build/classes
 * </pre>
 */
package dev.rivulet.cli;
