package dev.rivulet.recovery.internals;

import dev.rivulet.recovery.RecoveryDirectoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code rivulet recovery inspect|verify DIR}: what a recovery directory holds, and whether a run
 * would resume from it, without running anything and without writing a byte (the files are read
 * exactly as a starting run reads them, see {@link SqliteStore#inspect}).
 *
 * <p>The flow is taken from the files themselves; the worker count too, unless a shape is given
 * ({@code verify -p/-w}), so verify answers "would the run that wrote this directory — or a run
 * with that many workers — resume from it?".
 */
public final class OfflineRecovery {

    /** The text to print and whether the directory is usable (exit status 0) or not (1). */
    public record Outcome(String text, boolean ok) {
    }

    private OfflineRecovery() {
    }

    /** Checks {@code directory} as a resuming run with the recorded worker count would. */
    public static Outcome verify(Path directory) {
        return verify(directory, 0);
    }

    /**
     * Checks {@code directory} as a resuming run with {@code workers} workers would ({@code 0}: the
     * recorded count); the text is the refusal or where it resumes (and from how many workers
     * it rescales).
     */
    public static Outcome verify(Path directory, int workers) {
        try {
            LocalReport report = find(directory);
            if (flowOf(report) == null) {
                return new Outcome("recovery directory `" + directory + "` holds no recovery files: a run would start"
                        + " afresh", true);
            }
            return new Outcome(verdictText(report, workers), true);
        } catch (RecoveryDirectoryException e) {
            return new Outcome(e.getMessage(), false);
        }
    }

    /** Flow, generations, each worker's frontier and execution history, sizes, and the verdict. */
    public static Outcome inspect(Path directory) {
        LocalReport report;
        try {
            report = find(directory);
        } catch (RecoveryDirectoryException e) {
            return new Outcome(e.getMessage(), false);
        }
        StringBuilder text = new StringBuilder("recovery directory " + directory + "\n");
        WorkerFinding first = flowOf(report);
        if (first == null) {
            return new Outcome(text.append("  no recovery files: a run would start afresh\n").toString(), true);
        }
        String verdict;
        String authoritative = null;
        boolean ok = true;
        try {
            ResumeCheck.Verdict decided = ResumeCheck.decide(first.flowName(), 0, List.of(report));
            authoritative = decided.layout().source();
            verdict = verdictText(report, 0);
        } catch (RecoveryDirectoryException e) {
            verdict = "REFUSED: " + e.getMessage();
            ok = false;
        }
        WorkerFinding shown = first;
        for (WorkerFinding file : report.findings()) {
            if (file.present() && file.generation().equals(authoritative)) {
                shown = file;
                break;
            }
        }
        text.append("  dataflow:       ").append(shown.flowName()).append('\n');
        text.append("  stateful steps: ").append(String.join(", ", shown.statefulSteps())).append('\n');
        text.append("  run id:         ").append(shown.runId() == null ? "(not recorded)" : shown.runId()).append('\n');
        text.append("  workers:        ").append(shown.workerCount()).append('\n');
        long total = 0;
        Set<String> generations = new LinkedHashSet<>();
        report.findings().forEach(f -> generations.add(f.generation()));
        for (String generation : generations) {
            String role = authoritative == null ? "" : generation.equals(authoritative) ? ": current"
                    : ": stale (a killed or finished rescale's leftover; the next run removes it)";
            if (generations.size() > 1 || !generation.isEmpty()) {
                text.append("  generation ").append(generation.isEmpty() ? "0 (the files in the directory)"
                        : Generations.number(generation) + " (" + generation + "/)").append(role).append('\n');
            }
            text.append(String.format(Locale.ROOT, "  %-8s %-10s %-16s %-11s %-11s %s%n", "worker", "execution",
                    "frontier", "last epoch", "state rows", "size"));
            java.util.Map<Integer, WorkerFinding> files = new java.util.TreeMap<>();
            for (WorkerFinding file : report.findings()) {
                if (file.generation().equals(generation)) {
                    files.put(file.worker(), file);
                }
            }
            int count = files.values().stream().filter(WorkerFinding::present).mapToInt(WorkerFinding::workerCount)
                    .max().orElse(0);
            for (int worker = 0; worker < count; worker++) {
                files.putIfAbsent(worker, WorkerFinding.absent(worker, "", 0));
            }
            for (WorkerFinding file : files.values()) {
                total += file.bytes();
                if (!file.present()) {
                    text.append(String.format(Locale.ROOT, "  %-8d %s%n", file.worker(), "missing or empty"));
                    continue;
                }
                text.append(String.format(Locale.ROOT, "  %-8d %-10s %-16s %-11d %-11d %s%n", file.worker(),
                        file.execution() < 0 ? "-" : Long.toString(file.execution()), frontierText(file),
                        file.lastEpoch(), file.stateRows(), size(file.bytes())));
            }
        }
        text.append("  total size:     ").append(size(total)).append('\n');
        text.append("  execution history (from worker ").append(shown.worker()).append("'s file):\n");
        for (WorkerFile.ExecutionRow row : history(Path.of(shown.path()), shown.worker())) {
            text.append(String.format(Locale.ROOT, "    execution %d started %s at epoch %d, reached %s%n",
                    row.execution(), row.startedAt(), row.resumeEpoch(),
                    row.frontier() == ResumeCheck.DONE ? "the end of input" : "epoch " + row.frontier()));
        }
        text.append("  verdict: ").append(verdict).append('\n');
        return new Outcome(text.toString(), ok);
    }

    private static String frontierText(WorkerFinding file) {
        if (file.execution() < 0) {
            return "never started";
        }
        return file.frontier() == ResumeCheck.DONE ? "end of input" : Long.toString(file.frontier());
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static String verdictText(LocalReport report, int workers) {
        String flow = flowOf(report).flowName();
        ResumeCheck.Verdict verdict = ResumeCheck.decide(flow, workers, List.of(report));
        ResumeCheck.Layout layout = verdict.layout();
        String rescaling = layout.rescales() ? ", rescaling from " + layout.sourceWorkers() + " to "
                + layout.targetWorkers() + " workers" : "";
        if (verdict.point().maxLastEpoch() < 0 && verdict.point().epoch() == 0) {
            return "consistent; nothing was completed yet, so a run of '" + flow + "' with " + layout.targetWorkers()
                    + " workers would start at epoch 0" + rescaling;
        }
        return "consistent; a run of '" + flow + "' with " + layout.targetWorkers() + " workers would "
                + (verdict.point().allFinished() ? "continue after its last epoch, at epoch " : "resume from epoch ")
                + verdict.point().epoch() + " as execution " + verdict.execution() + rescaling;
    }

    /** The first file with a flow record (any generation), or {@code null}. */
    private static WorkerFinding flowOf(LocalReport report) {
        return report.findings().stream().filter(WorkerFinding::present).findFirst().orElse(null);
    }

    private static LocalReport find(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new RecoveryDirectoryException("recovery directory `" + directory + "` does not exist or is not a"
                    + " directory");
        }
        return SqliteStore.inspect(directory, 0, 0);
    }

    private static List<WorkerFile.ExecutionRow> history(Path path, int worker) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("rivulet-recovery-inspect");
            try (WorkerFile file = WorkerFile.openReadOnly(path, worker, scratch)) {
                return file.executions();
            }
        } catch (IOException | SQLException e) {
            throw new RecoveryDirectoryException("cannot read the execution history of `" + path + "`: " + e.getMessage(), e);
        } finally {
            SqliteStore.deleteScratch(scratch);
        }
    }
}
