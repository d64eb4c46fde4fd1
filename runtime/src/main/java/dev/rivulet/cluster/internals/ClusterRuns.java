package dev.rivulet.cluster.internals;

import dev.rivulet.CaptureListener;
import dev.rivulet.Dataflow;
import dev.rivulet.RunOptions;
import dev.rivulet.RivuletException;
import dev.rivulet.RunProgress;
import dev.rivulet.RunResult;
import dev.rivulet.StepStatistics;
import dev.rivulet.engine.StepStats;
import dev.rivulet.flow.FlowStep;
import dev.rivulet.flow.Operation;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The implementation of {@code Rivulet.clusterMain}, and helpers shared with spawned clusters. */
public final class ClusterRuns {
    /** How long a process waits for all others to be reachable. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private ClusterRuns() {
    }

    /** Runs process {@code processId} of the cluster of {@code addresses}. */
    public static RunResult clusterMain(Dataflow flow, List<String> addresses, int processId, int workersPerProcess,
            RunOptions options, ClusterSecret secret) {
        if (processId < 0 || processId >= addresses.size()) {
            throw new IllegalArgumentException("process id " + processId + " has no address: the address list has "
                    + addresses.size() + " entries (ids 0.." + (addresses.size() - 1) + ")");
        }
        if (workersPerProcess < 1) {
            throw new IllegalArgumentException("workersPerProcess must be at least 1, got " + workersPerProcess);
        }
        flow.validate();
        List<InetSocketAddress> resolved = new ArrayList<>();
        for (String address : addresses) {
            resolved.add(parseAddress(address));
        }
        long start = System.nanoTime();
        Map<String, List<Object>> captured = emptyCaptures(flow);
        CaptureListener user = options.captureListener();
        CaptureListener collect = (stepId, worker, epoch, items) -> {
            captured.get(stepId).addAll(items);
            user.onCaptured(stepId, worker, epoch, items);
        };
        RunProgress progress = options.progress();
        if (progress != null) {
            progress.starting(flow, 0); // this process's own counters
        }
        ClusterNode node = new ClusterNode(new ClusterNode.Settings(flow, processId, addresses.size(),
                workersPerProcess, options.epochs(), options.recovery(), options.batchSize(), collect, secret,
                CONNECT_TIMEOUT, progress), contextClassLoader());
        Map<String, StepStats> stats;
        try {
            try {
                node.bind(resolved.get(processId));
            } catch (RuntimeException e) {
                node.abandon();
                throw e;
            }
            stats = node.run(resolved);
        } catch (RivuletException e) {
            throw e.withPartialResult(new RunResult(captured, Map.of(), Duration.ofNanos(System.nanoTime() - start),
                    addresses.size() * workersPerProcess));
        } finally {
            if (progress != null) {
                progress.finished();
            }
        }
        return new RunResult(captured, statistics(flow, stats), Duration.ofNanos(System.nanoTime() - start),
                addresses.size() * workersPerProcess);
    }

    static ClassLoader contextClassLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ClusterRuns.class.getClassLoader();
    }

    /** {@code host:port} or {@code [v6-address]:port}. */
    public static InetSocketAddress parseAddress(String address) {
        String text = address.trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("address '" + address + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + address + "' has no numeric port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("address '" + address + "' has port " + port + " outside 0..65535");
        }
        return new InetSocketAddress(host, port);
    }

    static Map<String, List<Object>> emptyCaptures(Dataflow flow) {
        Map<String, List<Object>> captured = new LinkedHashMap<>();
        for (FlowStep step : flow.steps()) {
            if (step.operation() instanceof Operation.Capture) {
                captured.put(step.stepId(), Collections.synchronizedList(new ArrayList<>()));
            }
        }
        return captured;
    }

    static Map<String, StepStatistics> statistics(Dataflow flow, Map<String, StepStats> stats) {
        Map<String, StepStatistics> statistics = new LinkedHashMap<>();
        for (FlowStep step : flow.steps()) {
            StepStats s = stats.get(step.stepId());
            statistics.put(step.stepId(), s == null
                    ? new StepStatistics(step.stepId(), step.operator(), 0, 0, 0)
                    : new StepStatistics(step.stepId(), step.operator(), s.itemsIn(), s.itemsOut(), s.lateItems()));
        }
        return statistics;
    }
}
