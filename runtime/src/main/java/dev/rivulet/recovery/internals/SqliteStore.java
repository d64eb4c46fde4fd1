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

    private final Path directory;
    private final FlowIdentity identity;
    private final int workerCount;
    private final int firstWorker;
    private final int localWorkers;
    private final LocalReport report;
    /** The local workers' files of the generation this run writes. */
    private final Map<Integer, WorkerFile> files = new TreeMap<>();
    /** When rescaling: every file of the generation resumed from, opened read-only until retired. */
    private final Map<Integer, WorkerFile> sourceFiles = new TreeMap<>();
    private Path sourceScratch;
    private boolean sourceRetired;
    private ResumeCheck.Verdict verdict;
    private long execution;
    private long resumeEpoch;

    private SqliteStore(Path directory, FlowIdentity identity, int workerCount, int firstWorker, int localWorkers,
            LocalReport report) {
        this.directory = directory;
        this.identity = identity;
        this.workerCount = workerCount;
        this.firstWorker = firstWorker;
        this.localWorkers = localWorkers;
        this.report = report;
    }

    /** Checks this process's files, read-only; nothing is created or changed until {@link #begin}. */
    public static SqliteStore open(Path directory, Dataflow flow, int workerCount, int firstWorker, int localWorkers) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new RecoveryDirectoryException("recovery directory `" + directory + "` is a file, not a directory;"
                    + " choose another path for the recovery of dataflow '" + flow.name() + "'");
        }
        LocalReport report = inspect(directory, firstWorker, localWorkers);
        return new SqliteStore(directory, FlowIdentity.of(flow), workerCount, firstWorker, localWorkers, report);
    }

    /**
     * A read-only look at every worker file of every generation in {@code directory}; workers
     * {@code firstWorker} to {@code firstWorker + localWorkers - 1} are this process's.
     */
    static LocalReport inspect(Path directory, int firstWorker, int localWorkers) {
        List<WorkerFinding> findings = new ArrayList<>();
        Path scratch = null;
        try {
            for (String generation : Generations.list(directory)) {
                for (int worker : Generations.workerFilesIn(Generations.directoryOf(directory, generation))) {
                    Path path = Generations.fileOf(directory, generation, worker);
                    if (Files.size(path) == 0) {
                        findings.add(WorkerFinding.absent(worker, path.toString(), 0).inGeneration(generation));
                        continue;
                    }
                    if (scratch == null) {
                        scratch = Files.createTempDirectory("rivulet-recovery-check");
                    }
                    findings.add(inspectFile(path, worker, scratch).inGeneration(generation));
                }
            }
        } catch (IOException e) {
            throw new RecoveryDirectoryException("cannot read recovery directory `" + directory + "`: " + e, e);
        } finally {
            deleteScratch(scratch);
        }
        return new LocalReport(directory.toString(), UUID.randomUUID().toString(), firstWorker, localWorkers, findings);
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
        return Generations.fileOf(directory, Generations.BASE, worker);
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
            if (finding.present() && finding.generation().equals(verdict.layout().source())
                    && finding.worker() == 0 && firstWorker == 0
                    && !finding.fingerprint().equals(identity.fingerprint())) {
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
        ResumeCheck.Layout layout = verdict.layout();
        prepareDirectory(directory, identity.name());
        removeStaleGenerations(layout);
        try {
            if (layout.rescales()) {
                beginRescaled(layout);
            } else {
                for (int worker = firstWorker; worker < firstWorker + localWorkers; worker++) {
                    boolean present = hasSchema(layout.target(), worker);
                    WorkerFile file = WorkerFile.open(Generations.fileOf(directory, layout.target(), worker), worker);
                    files.put(worker, file);
                    if (present) {
                        file.migrate();
                        file.adoptRunId(verdict.runId());
                    } else {
                        file.createSchema(identity, workerCount, verdict.runId());
                    }
                }
                for (WorkerFile file : files.values()) {
                    file.begin(execution, workerCount, resumeEpoch);
                }
            }
        } catch (SQLException | IOException e) {
            throw new RecoveryDirectoryException("cannot record the start of a run in `" + directory + "`: "
                    + e.getMessage(), e);
        }
        if (layout.rescales()) {
            LOG.info("resuming from epoch {} with recovery directory {}, rescaling from {} to {} workers (new"
                    + " generation {})", resumeEpoch, directory, layout.sourceWorkers(), workerCount, layout.target());
        } else if (resumeEpoch > 0) {
            LOG.info("resuming from epoch {} with recovery directory {}", resumeEpoch, directory);
        }
    }

    private boolean hasSchema(String generation, int worker) {
        return report.findings().stream().anyMatch(f -> f.present() && f.worker() == worker
                && f.generation().equals(generation));
    }

    /**
     * A rescaling start: this process's new files get their schema only — each records its first
     * execution together with the state its worker takes over, in its first commit (see
     * {@link SqliteWorkerRecovery}) — and every file of the old generation is opened read-only
     * to load from. The old generation is deleted by {@link #retireSource} once every new worker
     * has committed.
     */
    private void beginRescaled(ResumeCheck.Layout layout) throws SQLException, IOException {
        Files.createDirectories(Generations.directoryOf(directory, layout.target()));
        for (int worker = firstWorker; worker < firstWorker + localWorkers; worker++) {
            WorkerFile file = WorkerFile.open(Generations.fileOf(directory, layout.target(), worker), worker);
            files.put(worker, file);
            file.createSchema(identity, workerCount, verdict.runId());
        }
        sourceScratch = Files.createTempDirectory("rivulet-recovery-rescale");
        for (int worker = 0; worker < layout.sourceWorkers(); worker++) {
            Path path = Generations.fileOf(directory, layout.source(), worker);
            if (Files.exists(path) && Files.size(path) > 0) {
                sourceFiles.put(worker, WorkerFile.openReadOnly(path, worker, sourceScratch));
            }
        }
    }

    /**
     * Deletes every generation but the one resumed from and the one written: an older one that a
     * completed rescale had not yet removed, or a newer one whose rescale was killed before all
     * of its files began. Each process removes what it sees in its own directory.
     */
    private void removeStaleGenerations(ResumeCheck.Layout layout) {
        try {
            for (String generation : Generations.list(directory)) {
                boolean kept = generation.equals(layout.source()) || generation.equals(layout.target());
                boolean empty = generation.isEmpty()
                        && Generations.workerFilesIn(Generations.directoryOf(directory, generation)).isEmpty();
                if (!kept && !empty) {
                    Generations.delete(directory, generation);
                    LOG.info("removed the stale recovery generation {} of {}",
                            generation.isEmpty() ? "(the files directly in the directory)" : generation, directory);
                }
            }
        } catch (IOException e) {
            throw new RecoveryDirectoryException("cannot remove a stale recovery generation in `" + directory + "`: "
                    + e, e);
        }
    }

    /**
     * Called after a commit that learned every worker has completed an epoch of this rescaled
     * execution: every new file has durably taken over its share, so the generation resumed from
     * is deleted (by whichever process gets here first; the others find it gone).
     */
    synchronized void retireSource() {
        if (sourceRetired || !verdict.layout().rescales()) {
            return;
        }
        sourceRetired = true;
        closeAll(sourceFiles);
        sourceFiles.clear();
        deleteScratch(sourceScratch);
        sourceScratch = null;
        try {
            Generations.delete(directory, verdict.layout().source());
            LOG.info("rescaled recovery directory {} from {} to {} workers; removed the previous generation", directory,
                    verdict.layout().sourceWorkers(), workerCount);
        } catch (IOException e) {
            LOG.warn("could not remove the previous recovery generation in {} (the next run removes it): {}",
                    directory, e.toString());
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
        return new SqliteWorkerRecovery(this, own, execution, resumeEpoch,
                verdict.layout().rescales() ? workerCount : 0);
    }

    /**
     * The newest snapshot before the resume epoch of every key of {@code stepId} in any local file
     * (partition ownership can move between runs when the partition list changes, so a worker may
     * find its partitions' positions in another local worker's file); when rescaling, in every
     * file of the generation resumed from.
     */
    synchronized List<byte[][]> loadLatest(String stepId) {
        // A key found in several local files (its partition moved between local workers) takes
        // its newest snapshot, whichever file holds it; the file order must not decide.
        Map<java.nio.ByteBuffer, byte[][]> newest = new java.util.HashMap<>();
        try {
            for (WorkerFile file : verdict.layout().rescales() ? sourceFiles.values() : files.values()) {
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
        closeAll(sourceFiles);
        deleteScratch(sourceScratch);
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
