package dev.rivulet.recovery.internals;

import dev.rivulet.engine.ResumePoint;
import dev.rivulet.recovery.RecoveryDirectoryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The cluster-wide verdict on a recovery directory, from the read-only findings of every process:
 * resume (where, as which execution, with which run id) or refuse with a message naming the
 * files, what is inconsistent and what to do. A pure function of its input, so every process of
 * a cluster reaches the same verdict without another round of messages; also used by
 * {@code rivulet recovery verify}.
 *
 * <p>Only the newest complete generation counts ({@link #authoritative}); within it, a set of
 * worker files can be resumed exactly when they are all of one dataflow, one worker count and
 * one run, none is missing while another has progress, and none is older than what
 * another file knows every worker had durably reached ({@link WorkerFinding#seenFrontier()}).
 * Under that last rule a file restored from an earlier backup, or one that lost its last
 * commits, is refused instead of resuming from a point the other files no longer hold. A run
 * with another worker count rescales: it resumes from that generation and writes a new one.
 */
final class ResumeCheck {

    /**
     * Which files the run reads and writes: it resumes from generation {@code source} (written
     * with {@code sourceWorkers} workers) and writes {@code target}: the same generation, or a new
     * one when the worker count changes (see {@link Generations}).
     */
    record Layout(String source, int sourceWorkers, String target, int targetWorkers) {
        boolean rescales() {
            return !source.equals(target);
        }
    }

    /** What to do: start {@code execution} at {@code point.epoch()} with run id {@code runId}. */
    record Verdict(ResumePoint point, long execution, String runId, Layout layout) {
    }

    /** The frontier of a worker that has read all of its input. */
    static final long DONE = Long.MAX_VALUE;

    private static final String NOTHING_CHANGED = " Nothing in the directory was changed.";

    private ResumeCheck() {
    }

    /**
     * The verdict for a run of {@code flowName} with {@code workerCount} workers ({@code 0}: with
     * the count the files record, as {@code rivulet recovery verify} asks without a shape).
     */
    static Verdict decide(String flowName, int workerCount, List<LocalReport> reports) {
        String where = directories(reports);
        for (LocalReport report : reports) {
            for (WorkerFinding file : report.findings()) {
                if (file.present() && !file.flowName().equals(flowName)) {
                    throw new RecoveryDirectoryException("recovery file `" + file.path() + "` belongs to dataflow '"
                            + file.flowName() + "', not to '" + flowName + "'; give each dataflow its own recovery"
                            + " directory (or rename the flow back)." + NOTHING_CHANGED);
                }
            }
        }
        Map<String, Map<Integer, WorkerFinding>> generations = byGeneration(reports);
        String source = authoritative(generations);
        Map<Integer, WorkerFinding> files = generations.getOrDefault(source, Map.of());
        if (files.isEmpty()) {
            int count = Math.max(workerCount, 1);
            return new Verdict(ResumePoint.FRESH, 0, reports.get(0).candidateRunId(),
                    new Layout(Generations.BASE, count, Generations.BASE, count));
        }
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (WorkerFinding file : files.values()) {
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
        int recorded = recordedWorkers(files, flowName, where);
        List<WorkerFinding> all = new ArrayList<>();
        for (int worker = 0; worker < recorded; worker++) {
            WorkerFinding file = files.get(worker);
            all.add(file != null ? file : WorkerFinding.absent(worker, Generations.fileOf(
                    java.nio.file.Path.of(directoryOf(reports, worker)), source, worker).toString(), 0));
        }
        List<WorkerFinding> withHistory = all.stream().filter(WorkerFinding::hasHistory).toList();
        List<WorkerFinding> without = all.stream().filter(f -> !f.hasHistory()).toList();
        String runId = runs.isEmpty() ? reports.get(0).candidateRunId() : runs.keySet().iterator().next();
        long execution = withHistory.stream().mapToLong(WorkerFinding::execution).max().orElse(-1) + 1;
        int count = workerCount > 0 ? workerCount : recorded;
        Layout layout = count == recorded ? new Layout(source, recorded, source, count)
                : new Layout(source, recorded, Generations.name(highestNumber(generations) + 1,
                        reports.get(0).candidateRunId()), count);
        if (withHistory.isEmpty()) {
            return new Verdict(ResumePoint.FRESH, execution, runId, layout);
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
        if (layout.rescales()) {
            requireEveryFileEverywhere(reports, source, recorded, count, flowName);
        }
        return new Verdict(point, execution, runId, layout);
    }

    /**
     * Every file of every generation, by generation and worker; a file seen by several processes
     * (one shared directory) counts once, as its worker's own process saw it.
     */
    private static Map<String, Map<Integer, WorkerFinding>> byGeneration(List<LocalReport> reports) {
        Map<String, Map<Integer, WorkerFinding>> generations = new TreeMap<>(Generations.ORDER);
        for (boolean ownFirst : new boolean[] {true, false}) {
            for (LocalReport report : reports) {
                for (WorkerFinding file : report.findings()) {
                    if (file.present() && report.isLocal(file.worker()) == ownFirst) {
                        generations.computeIfAbsent(file.generation(), g -> new TreeMap<>())
                                .putIfAbsent(file.worker(), file);
                    }
                }
            }
        }
        return generations;
    }

    /**
     * The newest complete generation: every worker of its recorded count has a file of one run
     * that began an execution (a rescaling run writes each new file's copied state and its first
     * execution in one transaction, so a file that began holds its whole share). Without one,
     * generation 0, judged by the rules of an unrescaled directory — unless generation 0 has no
     * file left (only a completed rescale deletes it): then the newest generation with files,
     * so that its missing files are refused instead of the run starting afresh.
     */
    private static String authoritative(Map<String, Map<Integer, WorkerFinding>> generations) {
        List<String> newestFirst = new ArrayList<>(generations.keySet());
        java.util.Collections.reverse(newestFirst);
        for (String generation : newestFirst) {
            if (generation.isEmpty()) {
                continue;
            }
            Map<Integer, WorkerFinding> files = generations.get(generation);
            WorkerFinding first = files.values().iterator().next();
            boolean complete = files.size() == first.workerCount()
                    && files.keySet().stream().allMatch(worker -> worker < first.workerCount())
                    && files.values().stream().allMatch(f -> f.hasHistory() && f.workerCount() == first.workerCount()
                            && java.util.Objects.equals(f.runId(), first.runId()));
            if (complete) {
                return generation;
            }
        }
        if (!generations.getOrDefault(Generations.BASE, Map.of()).isEmpty() || newestFirst.isEmpty()) {
            return Generations.BASE;
        }
        return newestFirst.get(0);
    }

    /** The directory of the process that runs {@code worker} (process 0's if none does). */
    private static String directoryOf(List<LocalReport> reports, int worker) {
        return reports.stream().filter(r -> r.isLocal(worker)).findFirst().orElse(reports.get(0)).directory();
    }

    private static long highestNumber(Map<String, Map<Integer, WorkerFinding>> generations) {
        return generations.keySet().stream().mapToLong(Generations::number).max().orElse(0);
    }

    private static int recordedWorkers(Map<Integer, WorkerFinding> files, String flowName, String where) {
        Map<Integer, List<String>> counts = new TreeMap<>();
        for (WorkerFinding file : files.values()) {
            counts.computeIfAbsent(file.workerCount(), c -> new ArrayList<>()).add(file.fileName());
        }
        if (counts.size() > 1) {
            throw new RecoveryDirectoryException("the recovery files in " + where + " record different worker counts ("
                    + counts.entrySet().stream().map(e -> e.getKey() + " workers: " + e.getValue())
                            .collect(Collectors.joining(" vs. ")) + "): files of runs of '" + flowName + "' with"
                    + " different shapes were mixed in. Put back the files that belong together, or start with an"
                    + " empty directory." + NOTHING_CHANGED);
        }
        int recorded = counts.keySet().iterator().next();
        int highest = files.keySet().stream().mapToInt(Integer::intValue).max().getAsInt();
        if (highest >= recorded) {
            throw new RecoveryDirectoryException("recovery directory " + where + " holds the file of worker " + highest
                    + " (worker-" + highest + ".sqlite3), but its files record a run of '" + flowName + "' with "
                    + recorded + " workers: files of another run were mixed in. Put back the files that belong"
                    + " together, or start with an empty directory." + NOTHING_CHANGED);
        }
        return recorded;
    }

    /**
     * A rescaling run re-spreads every old file over the new workers, so every process must be
     * able to read every old file: on one machine they share the directory, but the processes of
     * an {@code -a/-i} cluster on separate volumes each hold only their own workers' files.
     */
    private static void requireEveryFileEverywhere(List<LocalReport> reports, String source, int recorded,
            int count, String flowName) {
        for (int process = 0; process < reports.size(); process++) {
            LocalReport report = reports.get(process);
            List<Integer> missing = new ArrayList<>();
            for (int worker = 0; worker < recorded; worker++) {
                final int w = worker;
                if (report.findings().stream().noneMatch(f -> f.present() && f.worker() == w
                        && f.generation().equals(source))) {
                    missing.add(worker);
                }
            }
            if (!missing.isEmpty()) {
                throw new RecoveryDirectoryException("rescaling the recovery of '" + flowName + "' from " + recorded
                        + " to " + count + " workers needs every worker file of the previous run on every process,"
                        + " but process " + process + " (directory `" + report.directory() + "`) lacks the files of"
                        + " workers " + missing + " (" + missing.stream().map(w -> "`" + Generations.fileOf(
                                java.nio.file.Path.of(report.directory()), source, w).getFileName() + "`")
                                .collect(Collectors.joining(", ")) + "): processes with separate volumes cannot"
                        + " rescale. Run with " + recorded + " workers (processes × workers per process) as before,"
                        + " or copy every process's worker files into each process's directory (or use one shared"
                        + " directory) and run again." + NOTHING_CHANGED);
            }
        }
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
