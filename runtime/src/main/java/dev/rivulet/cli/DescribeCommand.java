package dev.rivulet.cli;

import dev.rivulet.Dataflow;
import picocli.CommandLine.Command;

/**
 * {@code rivulet describe IMPORT-STRING}: prints the flow's shape as JSON
 * ({@link Dataflow#describe()}) without running it.
 *
 * <pre>
 * rivulet describe com.example.Flows
 * {"name":"wordcount","steps":[{"id":"lines","operator":"input",...}]}
 * </pre>
 */
@Command(name = "describe", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = RivuletCli.Version.class,
        description = "Prints a dataflow's steps as JSON, without running it.")
final class DescribeCommand extends FlowCommand {

    DescribeCommand(CliContext context) {
        super(context);
    }

    @Override
    int withFlow(Dataflow flow) {
        context.out().println(flow.describe());
        context.out().flush();
        return RivuletCli.EXIT_OK;
    }
}
