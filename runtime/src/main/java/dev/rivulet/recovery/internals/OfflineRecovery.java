package dev.rivulet.recovery.internals;

import dev.rivulet.recovery.RecoveryDirectoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code rivulet recovery inspect|verify DIR}: what a recovery directory holds, and whether a run
 * would resume from it, without running anything and without writing a byte (the files are read
 * exactly as a starting run reads them, see {@link SqliteStore#inspect}).
 *
 * <p>The flow and worker count are taken from the files themselves (the first readable one), so
 * verify answers "would the run that wrote this directory resume from it?".
 */
public final class OfflineRecovery {

    /** The text to print and whether the directory is usable (exit status 0) or not (1). */
    public record Outcome(String text, boolean ok) {
    }

    private OfflineRecovery() {
    }

    /** Checks {@code directory} as a resuming run would; the text is the refusal or where it resumes. */
    public static Outcome verify(Path directory) {
        try {
            Found found = find(directory);
            if (found.findings.isEmpty()) {
                return new Outcome("recovery directory `" + directory + "` holds no recovery files: a run would start"
                        + " afresh", true);
            }
            return new Outcome(verdictText(directory, found), true);
        } catch (RecoveryDirectoryException e) {
            return new Outcome(e.getMessage(), false);
        }
    }

    /** Flow, workers, each worker's frontier and execution history, sizes, and the verdict. */
    public static Outcome inspect(Path directory) {
        Found found;
        try {
            found = find(directory);
        } catch (RecoveryDirectoryException e) {
            return new Outcome(e.getMessage(), false);
        }
        StringBuilder text = new StringBuilder("recovery directory " + directory + "\n");
        WorkerFinding first = found.first();
        if (first == null) {
            return new Outcome(text.append("  no recovery files: a run would start afresh\n").toString(), true);
        }
        text.append("  dataflow:       ").append(first.flowName()).append('\n');
        text.append("  stateful steps: ").append(String.join(", ", first.statefulSteps())).append('\n');
        text.append("  run id:         ").append(first.runId() == null ? "(not recorded)" : first.runId()).append('\n');
        text.append("  workers:        ").append(first.workerCount()).append('\n');
        long total = 0;
        text.append(String.format(Locale.ROOT, "  %-8s %-10s %-16s %-11s %-11s %s%n", "worker", "execution", "frontier",
                "last epoch", "state rows", "size"));
        for (WorkerFinding file : found.findings) {
            total += file.bytes();
            if (!file.present()) {
                text.append(String.format(Locale.ROOT, "  %-8d %s%n", file.worker(), "missing or empty"));
                continue;
            }
            text.append(String.format(Locale.ROOT, "  %-8d %-10s %-16s %-11d %-11d %s%n", file.worker(),
                    file.execution() < 0 ? "-" : Long.toString(file.execution()), frontierText(file),
                    file.lastEpoch(), file.stateRows(), size(file.bytes())));
        }
        text.append("  total size:     ").append(size(total)).append('\n');
        text.append("  execution history (from worker ").append(first.worker()).append("'s file):\n");
        for (WorkerFile.ExecutionRow row : found.history) {
            text.append(String.format(Locale.ROOT, "    execution %d started %s at epoch %d, reached %s%n",
                    row.execution(), row.startedAt(), row.resumeEpoch(),
                    row.frontier() == ResumeCheck.DONE ? "the end of input" : "epoch " + row.frontier()));
        }
        String verdict;
        boolean ok = true;
        try {
            verdict = verdictText(directory, found);
        } catch (RecoveryDirectoryException e) {
            verdict = "REFUSED: " + e.getMessage();
            ok = false;
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

    private static String verdictText(Path directory, Found found) {
        WorkerFinding first = found.first();
        if (first == null) {
            return "no worker has recovery state: a run would start afresh";
        }
        ResumeCheck.Verdict verdict = ResumeCheck.decide(first.flowName(), first.workerCount(), List.of(found.report));
        if (verdict.point().maxLastEpoch() < 0 && verdict.point().epoch() == 0) {
            return "consistent; nothing was completed yet, so a run of '" + first.flowName() + "' would start at epoch 0";
        }
        return "consistent; a run of '" + first.flowName() + "' with " + first.workerCount() + " workers would "
                + (verdict.point().allFinished() ? "continue after its last epoch, at epoch " : "resume from epoch ")
                + verdict.point().epoch() + " as execution " + verdict.execution();
    }

    private record Found(LocalReport report, List<WorkerFinding> findings, List<WorkerFile.ExecutionRow> history) {
        WorkerFinding first() {
            return findings.stream().filter(WorkerFinding::present).findFirst().orElse(null);
        }
    }

    private static Found find(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new RecoveryDirectoryException("recovery directory `" + directory + "` does not exist or is not a"
                    + " directory");
        }
        List<Integer> indices;
        try {
            indices = SqliteStore.workerFilesIn(directory);
        } catch (IOException e) {
            throw new RecoveryDirectoryException("cannot list recovery directory `" + directory + "`: " + e, e);
        }
        if (indices.isEmpty()) {
            return new Found(new LocalReport(directory.toString(), "-", List.of(), List.of()), List.of(), List.of());
        }
        // Read the first file to learn the worker count, then every worker of it as a run would.
        int highest = indices.get(indices.size() - 1);
        LocalReport probe = SqliteStore.inspect(directory, highest + 1, indices.get(0), 1);
        WorkerFinding seed = probe.findings().get(0);
        int workers = seed.present() ? seed.workerCount() : highest + 1;
        LocalReport report = SqliteStore.inspect(directory, workers, 0, workers);
        List<WorkerFile.ExecutionRow> history = new ArrayList<>();
        WorkerFinding first = report.findings().stream().filter(WorkerFinding::present).findFirst().orElse(null);
        if (first != null) {
            history = history(Path.of(first.path()), first.worker());
        }
        return new Found(report, report.findings(), history);
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
