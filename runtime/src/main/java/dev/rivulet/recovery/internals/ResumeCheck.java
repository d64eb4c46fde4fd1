package dev.rivulet.recovery.internals;

import dev.rivulet.engine.ResumePoint;
import dev.rivulet.recovery.RecoveryDirectoryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cluster-wide verdict on a recovery directory, from the read-only findings of every process:
 * resume (where, as which execution, with which run id) or refuse with a message naming the
 * files, what is inconsistent and what to do. A pure function of its input, so every process of
 * a cluster reaches the same verdict without another round of messages; also used by
 * {@code rivulet recovery verify}.
 *
 * <p>A set of worker files can be resumed exactly when they are all of one dataflow, one worker
 * count and one run, none is missing while another has progress, and none is older than what
 * another file knows every worker had durably reached ({@link WorkerFinding#seenFrontier()}).
 * Under that last rule a file restored from an earlier backup, or one that lost its last
 * commits, is refused instead of resuming from a point the other files no longer hold.
 */
final class ResumeCheck {

    /** What to do: start {@code execution} at {@code point.epoch()} with run id {@code runId}. */
    record Verdict(ResumePoint point, long execution, String runId) {
    }

    /** The frontier of a worker that has read all of its input. */
    static final long DONE = Long.MAX_VALUE;

    private static final String NOTHING_CHANGED = " Nothing in the directory was changed.";

    private ResumeCheck() {
    }

    static Verdict decide(String flowName, int workerCount, List<LocalReport> reports) {
        List<WorkerFinding> all = new ArrayList<>();
        for (LocalReport report : reports) {
            all.addAll(report.findings());
        }
        String where = directories(reports);
        for (LocalReport report : reports) {
            if (!report.beyond().isEmpty()) {
                int highest = report.beyond().stream().mapToInt(Integer::intValue).max().getAsInt();
                throw new RecoveryDirectoryException("recovery directory `" + report.directory() + "` holds the file of"
                        + " worker " + highest + " (worker-" + highest + ".sqlite3), so it was written by a run with at"
                        + " least " + (highest + 1) + " workers; this run of '" + flowName + "' has " + workerCount
                        + ". Recovery state cannot be re-spread over another worker count: run with the same number"
                        + " of workers (processes × workers per process) as before, or start with an empty directory."
                        + NOTHING_CHANGED);
            }
        }
        List<WorkerFinding> present = all.stream().filter(WorkerFinding::present).toList();
        for (WorkerFinding file : present) {
            if (!file.flowName().equals(flowName)) {
                throw new RecoveryDirectoryException("recovery file `" + file.path() + "` belongs to dataflow '"
                        + file.flowName() + "', not to '" + flowName + "'; give each dataflow its own recovery"
                        + " directory (or rename the flow back)." + NOTHING_CHANGED);
            }
        }
        for (WorkerFinding file : present) {
            if (file.workerCount() != workerCount) {
                throw new RecoveryDirectoryException("recovery file `" + file.path() + "` was written by a run of '"
                        + flowName + "' with " + file.workerCount() + " workers; this run has " + workerCount
                        + ". Recovery state cannot be re-spread over another worker count: run with "
                        + file.workerCount() + " workers (processes × workers per process), or start with an empty"
                        + " directory." + NOTHING_CHANGED);
            }
        }
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (WorkerFinding file : present) {
            if (file.runId() != null) {
                runs.computeIfAbsent(file.runId(), id -> new ArrayList<>()).add(file.fileName());
            }
        }
        if (runs.size() > 1) {
            throw new RecoveryDirectoryException("the recovery files in " + where + " are of " + runs.size()
                    + " different runs of '" + flowName + "' (" + runs.values().stream().map(Object::toString)
                            .collect(Collectors.joining(" vs. ")) + "): files of another directory or of an earlier"
                    + " start afresh were mixed in. Put back the files that belong together, or start with an empty"
                    + " directory." + NOTHING_CHANGED);
        }
        List<WorkerFinding> withHistory = all.stream().filter(WorkerFinding::hasHistory).toList();
        List<WorkerFinding> without = all.stream().filter(f -> !f.hasHistory()).toList();
        String runId = runs.isEmpty() ? reports.get(0).candidateRunId() : runs.keySet().iterator().next();
        long execution = withHistory.stream().mapToLong(WorkerFinding::execution).max().orElse(-1) + 1;
        if (withHistory.isEmpty()) {
            return new Verdict(ResumePoint.FRESH, execution, runId);
        }
        long maxFrontier = withHistory.stream().mapToLong(WorkerFinding::frontier).max().getAsLong();
        if (!without.isEmpty() && maxFrontier > 0) {
            throw new RecoveryDirectoryException("recovery directory " + where + " has the files of workers "
                    + workers(withHistory) + " (one has completed " + progressText(maxFrontier) + ") but not of"
                    + " workers " + workers(without) + " (" + without.stream().map(f -> "`" + f.path() + "`")
                            .collect(Collectors.joining(", ")) + " missing or never started): resuming without them"
                    + " would lose their state and input positions. Restore the missing files (in a cluster with"
                    + " -a/-i: the directory of every process), or start with an empty directory." + NOTHING_CHANGED);
        }
        for (WorkerFinding knows : withHistory) {
            if (knows.seenExecution() < 0) {
                continue;
            }
            for (WorkerFinding file : all) {
                boolean atLeast = file.hasHistory() && (file.execution() > knows.seenExecution()
                        || (file.execution() == knows.seenExecution() && file.frontier() >= knows.seenFrontier()));
                if (!atLeast) {
                    throw new RecoveryDirectoryException("recovery files in " + where + " are from different moments:"
                            + " `" + knows.fileName() + "` records that every worker had completed "
                            + progressText(knows.seenFrontier()) + " (execution " + knows.seenExecution() + "), but `"
                            + file.fileName() + "` " + describe(file) + ", so it is older (restored from an earlier"
                            + " backup, or its last commits were lost) and the other files no longer hold the state"
                            + " a resume from its point needs. Put back files of one moment (the newer copy of `"
                            + file.fileName() + "`, or every worker's file from the same backup), or start with an"
                            + " empty directory." + NOTHING_CHANGED);
                }
            }
        }
        List<ResumePoint> points = new ArrayList<>();
        for (WorkerFinding file : withHistory) {
            points.add(new ResumePoint(file.frontier(), file.frontier() == DONE, file.lastEpoch()));
        }
        ResumePoint point = ResumePoint.combine(points);
        if (!without.isEmpty()) {
            point = new ResumePoint(0, false, -1); // nothing was ever completed: as fresh
        }
        return new Verdict(point, execution, runId);
    }

    private static String describe(WorkerFinding file) {
        if (!file.hasHistory()) {
            return "has no progress at all";
        }
        return "has only completed " + progressText(file.frontier()) + " of execution " + file.execution();
    }

    static String progressText(long frontier) {
        return frontier == DONE ? "all of its input" : "the epochs below " + frontier;
    }

    private static String workers(List<WorkerFinding> files) {
        return files.stream().map(f -> Integer.toString(f.worker())).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String directories(List<LocalReport> reports) {
        return reports.stream().map(r -> "`" + r.directory() + "`").distinct().collect(Collectors.joining(", "));
    }
}
