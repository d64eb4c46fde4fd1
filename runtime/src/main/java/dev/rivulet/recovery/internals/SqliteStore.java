package dev.rivulet.recovery.internals;

import dev.rivulet.Dataflow;
import dev.rivulet.engine.RecoveryStore;
import dev.rivulet.engine.ResumePoint;
import dev.rivulet.engine.WorkerRecovery;
import dev.rivulet.recovery.RecoveryDirectoryException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite recovery store of one process: the files of its local workers.
 *
 * <p>Opening only reads: every existing local file is checked without writing a byte next to it
 * (the header, SQLite's {@code quick_check}, Rivulet's tables, its flow record and progress;
 * see {@link WorkerFile#openReadOnly}), and the findings become this process's {@link #report()}.
 * {@link #agree} judges every process's report at once ({@link ResumeCheck}); only
 * {@link #begin}, called after every process agreed to resume, creates the directory and missing
 * files, migrates old files and records the new execution. A refused run therefore leaves every
 * file of every process byte for byte as it was.
 */
public final class SqliteStore implements RecoveryStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final Pattern WORKER_FILE = Pattern.compile("worker-(\\d+)\\.sqlite3");

    private final Path directory;
    private final FlowIdentity identity;
    private final int workerCount;
    private final LocalReport report;
    private final Map<Integer, WorkerFile> files = new TreeMap<>();
    private ResumeCheck.Verdict verdict;
    private long execution;
    private long resumeEpoch;

    private SqliteStore(Path directory, FlowIdentity identity, int workerCount, LocalReport report) {
        this.directory = directory;
        this.identity = identity;
        this.workerCount = workerCount;
        this.report = report;
    }

    /** Checks this process's files, read-only; nothing is created or changed until {@link #begin}. */
    public static SqliteStore open(Path directory, Dataflow flow, int workerCount, int firstWorker, int localWorkers) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new RecoveryDirectoryException("recovery directory `" + directory + "` is a file, not a directory;"
                    + " choose another path for the recovery of dataflow '" + flow.name() + "'");
        }
        LocalReport report = inspect(directory, workerCount, firstWorker, localWorkers);
        return new SqliteStore(directory, FlowIdentity.of(flow), workerCount, report);
    }

    /**
     * A read-only look at the files of workers {@code firstWorker} to
     * {@code firstWorker + localWorkers - 1} in {@code directory}, and at any worker file of an
     * index of {@code workerCount} or more.
     */
    static LocalReport inspect(Path directory, int workerCount, int firstWorker, int localWorkers) {
        List<WorkerFinding> findings = new ArrayList<>();
        List<Integer> beyond = new ArrayList<>();
        Path scratch = null;
        try {
            if (Files.isDirectory(directory)) {
                for (int worker : workerFilesIn(directory)) {
                    if (worker >= workerCount) {
                        beyond.add(worker);
                    }
                }
            }
            for (int worker = firstWorker; worker < firstWorker + localWorkers; worker++) {
                Path path = fileOf(directory, worker);
                if (!Files.exists(path) || Files.size(path) == 0) {
                    findings.add(WorkerFinding.absent(worker, path.toString(), 0));
                    continue;
                }
                if (scratch == null) {
                    scratch = Files.createTempDirectory("rivulet-recovery-check");
                }
                findings.add(inspectFile(path, worker, scratch));
            }
        } catch (IOException e) {
            throw new RecoveryDirectoryException("cannot read recovery directory `" + directory + "`: " + e, e);
        } finally {
            deleteScratch(scratch);
        }
        return new LocalReport(directory.toString(), UUID.randomUUID().toString(), findings, beyond);
    }

    static List<Integer> workerFilesIn(Path directory) throws IOException {
        List<Integer> workers = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher matcher = WORKER_FILE.matcher(entry.getFileName().toString());
                if (matcher.matches()) {
                    workers.add(Integer.parseInt(matcher.group(1)));
                }
            }
        }
        workers.sort(null);
        return workers;
    }

    static WorkerFinding inspectFile(Path path, int worker, Path scratch) throws IOException {
        long bytes = Files.size(path) + sizeIfExists(Path.of(path + "-wal"));
        try {
            WorkerFile.checkHeader(path);
        } catch (IOException e) {
            throw corrupt(path, e.getMessage());
        }
        try (WorkerFile file = WorkerFile.openReadOnly(path, worker, scratch)) {
            String check = file.quickCheck();
            if (!"ok".equals(check)) {
                String said = check.replaceAll("\\s+", " ").replace("*** in database main *** ", "").strip();
                throw corrupt(path, "SQLite's quick_check says: "
                        + (said.length() > 160 ? said.substring(0, 160) + "…" : said));
            }
            if (!file.hasSchema()) {
                if (file.isEmpty()) {
                    // An empty database left by a first start killed before its schema was
                    // committed: made anew by begin, like a missing file.
                    return WorkerFinding.absent(worker, path.toString(), bytes);
                }
                throw corrupt(path, "it is an SQLite database but not a Rivulet recovery file");
            }
            if (file.readFlow() == null) {
                throw corrupt(path, "its flow record is missing");
            }
            return file.finding(bytes);
        } catch (SQLException e) {
            throw corrupt(path, e.getMessage());
        }
    }

    private static long sizeIfExists(Path path) throws IOException {
        return Files.exists(path) ? Files.size(path) : 0;
    }

    static void deleteScratch(Path scratch) {
        if (scratch == null) {
            return;
        }
        try (Stream<Path> entries = Files.list(scratch)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            LOG.warn("could not remove the scratch copy {}: {}", scratch, e.toString());
        }
    }

    static Path fileOf(Path directory, int worker) {
        return directory.resolve("worker-" + worker + ".sqlite3");
    }

    @Override
    public ResumePoint resumePoint() {
        return verdict != null ? verdict.point()
                : ResumeCheck.decide(identity.name(), workerCount, List.of(report)).point();
    }

    @Override
    public byte[] report() {
        return report.encode();
    }

    @Override
    public ResumePoint agree(List<byte[]> reports) {
        List<LocalReport> all = new ArrayList<>();
        for (byte[] one : reports) {
            all.add(LocalReport.decode(one));
        }
        verdict = ResumeCheck.decide(identity.name(), workerCount, all);
        for (WorkerFinding finding : report.findings()) {
            if (finding.worker() == 0 && finding.present() && !finding.fingerprint().equals(identity.fingerprint())) {
                warnAboutChangedSteps(finding.statefulSteps(), identity.statefulSteps(), identity.name());
            }
        }
        return verdict.point();
    }

    @Override
    public synchronized void begin(long resumeEpoch) {
        if (verdict == null) {
            throw new IllegalStateException("begin before agree");
        }
        this.resumeEpoch = resumeEpoch;
        this.execution = verdict.execution();
        prepareDirectory(directory, identity.name());
        try {
            for (WorkerFinding finding : report.findings()) {
                WorkerFile file = WorkerFile.open(Path.of(finding.path()), finding.worker());
                files.put(finding.worker(), file);
                if (finding.present()) {
                    file.migrate();
                    file.adoptRunId(verdict.runId());
                } else {
                    file.createSchema(identity, workerCount, verdict.runId());
                }
            }
            for (WorkerFile file : files.values()) {
                file.begin(execution, workerCount, resumeEpoch);
            }
        } catch (SQLException e) {
            throw new RecoveryDirectoryException("cannot record the start of a run in `" + directory + "`: "
                    + e.getMessage(), e);
        }
        if (resumeEpoch > 0) {
            LOG.info("resuming from epoch {} with recovery directory {}", resumeEpoch, directory);
        }
    }

    private static void prepareDirectory(Path directory, String flowName) {
        if (Files.isDirectory(directory)) {
            return;
        }
        // No separate "does it exist?" look before creating: the processes of a cluster prepare the
        // same directory at once, and one that another process has just created would look like a
        // file. createDirectories accepts an existing directory and fails only on a file in the way.
        try {
            Files.createDirectories(directory);
            LOG.info("created recovery directory {} for dataflow '{}'", directory, flowName);
        } catch (FileAlreadyExistsException e) {
            String inTheWay = e.getFile() != null ? e.getFile() : directory.toString();
            throw new RecoveryDirectoryException("recovery directory `" + inTheWay + "` is a file, not a directory;"
                    + " choose another path for the recovery of dataflow '" + flowName + "'");
        } catch (IOException e) {
            throw new RecoveryDirectoryException("cannot create recovery directory `" + directory + "`: " + e, e);
        }
    }

    private static void warnAboutChangedSteps(List<String> recorded, List<String> current, String flowName) {
        for (String step : recorded) {
            if (!current.contains(step)) {
                LOG.warn("dataflow '{}': step '{}' has recovery state but is no longer in the flow (renamed or"
                        + " removed?); its state is ignored", flowName, step);
            }
        }
        for (String step : current) {
            if (!recorded.contains(step)) {
                LOG.warn("dataflow '{}': step '{}' is new since the recovery state was written; it starts empty",
                        flowName, step);
            }
        }
    }

    private static RecoveryDirectoryException corrupt(Path path, String why) {
        return new RecoveryDirectoryException("recovery file `" + path + "` is unreadable or corrupt (" + why
                + "); it was left untouched. Move it away to start afresh, or restore it from a backup");
    }

    @Override
    public WorkerRecovery worker(int workerIndex) {
        WorkerFile own = files.get(workerIndex);
        if (own == null) {
            throw new IllegalArgumentException("worker " + workerIndex + " is not local to this recovery store");
        }
        return new SqliteWorkerRecovery(this, own, execution, resumeEpoch);
    }

    /**
     * The newest snapshot before the resume epoch of every key of {@code stepId} in any local file
     * (partition ownership can move between runs when the partition list changes, so a worker may
     * find its partitions' positions in another local worker's file).
     */
    synchronized List<byte[][]> loadLatest(String stepId) {
        // A key found in several local files (its partition moved between local workers) takes
        // its newest snapshot, whichever file holds it; the file order must not decide.
        Map<java.nio.ByteBuffer, byte[][]> newest = new java.util.HashMap<>();
        try {
            for (WorkerFile file : files.values()) {
                for (byte[][] row : file.loadLatest(stepId, resumeEpoch)) {
                    newest.merge(java.nio.ByteBuffer.wrap(row[0]), row,
                            (a, b) -> WorkerFile.epochOf(b) > WorkerFile.epochOf(a) ? b : a);
                }
            }
        } catch (SQLException e) {
            throw new RecoveryDirectoryException("cannot read the recovery state of step '" + stepId + "' from `"
                    + directory + "`: " + e.getMessage(), e);
        }
        return new ArrayList<>(newest.values());
    }

    @Override
    public synchronized void close() {
        closeAll(files);
    }

    private static void closeAll(Map<Integer, WorkerFile> files) {
        for (WorkerFile file : files.values()) {
            try {
                file.close();
            } catch (SQLException e) {
                LOG.warn("closing {}: {}", file.path, e.toString());
            }
        }
    }
}
