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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite recovery store of one process: the files of its local workers, checked before any
 * data moves.
 *
 * <p>Checks, in order, each failing with a {@link RecoveryDirectoryException} that says what to
 * do and changes nothing: the path is a directory (created when missing, and logged); no file
 * belongs to a worker index beyond this run's worker count; every existing local file is an
 * SQLite database that passes {@code quick_check} and has Rivulet's tables; each records this
 * flow's name and worker count; no local file is missing while others have history. Only then
 * are missing files created.
 */
public final class SqliteStore implements RecoveryStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    private static final Pattern WORKER_FILE = Pattern.compile("worker-(\\d+)\\.sqlite3");

    private final Path directory;
    private final int workerCount;
    private final Map<Integer, WorkerFile> files;
    private final ResumePoint resumePoint;
    private long execution;
    private long resumeEpoch;

    private SqliteStore(Path directory, int workerCount, Map<Integer, WorkerFile> files, ResumePoint resumePoint) {
        this.directory = directory;
        this.workerCount = workerCount;
        this.files = files;
        this.resumePoint = resumePoint;
    }

    public static SqliteStore open(Path directory, Dataflow flow, int workerCount, int firstWorker, int localWorkers) {
        FlowIdentity identity = FlowIdentity.of(flow);
        prepareDirectory(directory, flow.name());
        checkNoForeignWorkers(directory, workerCount, flow.name());
        Map<Integer, WorkerFile> files = new TreeMap<>();
        try {
            List<Integer> missing = new ArrayList<>();
            List<Integer> withHistory = new ArrayList<>();
            for (int worker = firstWorker; worker < firstWorker + localWorkers; worker++) {
                Path path = fileOf(directory, worker);
                if (!Files.exists(path) || Files.size(path) == 0) {
                    missing.add(worker);
                    continue;
                }
                WorkerFile file = openExisting(path, worker, identity, workerCount);
                if (file == null) {
                    missing.add(worker); // an empty database: made anew below, like a missing file
                    continue;
                }
                files.put(worker, file);
                if (file.latestProgress() != null) {
                    withHistory.add(worker);
                }
            }
            if (!missing.isEmpty() && !withHistory.isEmpty()) {
                throw new RecoveryDirectoryException("recovery directory `" + directory + "` has the files of workers "
                        + withHistory + " but not of workers " + missing + "; resuming without them would lose their"
                        + " state. Restore the missing files, or start with an empty directory");
            }
            for (int worker : missing) {
                WorkerFile file = WorkerFile.open(fileOf(directory, worker), worker);
                file.createSchema(identity, workerCount);
                files.put(worker, file);
            }
            return new SqliteStore(directory, workerCount, files, readResumePoint(files));
        } catch (SQLException | IOException | RuntimeException e) {
            closeAll(files);
            if (e instanceof RecoveryDirectoryException r) {
                throw r;
            }
            throw new RecoveryDirectoryException("cannot use recovery directory `" + directory + "`: " + e.getMessage(), e);
        }
    }

    static Path fileOf(Path directory, int worker) {
        return directory.resolve("worker-" + worker + ".sqlite3");
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

    private static void checkNoForeignWorkers(Path directory, int workerCount, String flowName) {
        int highest = -1;
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher matcher = WORKER_FILE.matcher(entry.getFileName().toString());
                if (matcher.matches()) {
                    highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            throw new RecoveryDirectoryException("cannot list recovery directory `" + directory + "`: " + e, e);
        }
        if (highest >= workerCount) {
            throw new RecoveryDirectoryException("recovery directory `" + directory + "` holds state of worker " + highest
                    + ", so it was written by a run with at least " + (highest + 1) + " workers; this run of '" + flowName
                    + "' has " + workerCount + ". Recovery state cannot be re-spread over another worker count: run"
                    + " with the same number of workers (processes × workers per process) as before, or start with"
                    + " an empty directory");
        }
    }

    /**
     * Opens and checks the file of a worker that ran before.
     *
     * @return the file, or {@code null} if it is an empty database (no tables at all)
     */
    private static WorkerFile openExisting(Path path, int worker, FlowIdentity identity, int workerCount)
            throws SQLException {
        try {
            WorkerFile.checkHeader(path);
        } catch (IOException e) {
            throw corrupt(path, e.getMessage());
        }
        WorkerFile file;
        try {
            file = WorkerFile.open(path, worker);
        } catch (SQLException e) {
            throw corrupt(path, e.getMessage());
        }
        try {
            String check = file.quickCheck();
            if (!"ok".equals(check)) {
                throw corrupt(path, "SQLite's quick_check says: " + check);
            }
            if (!file.hasSchema()) {
                if (file.isEmpty()) {
                    // An empty database left by a first start killed before its schema was
                    // committed: the caller creates the schema, as for a missing file.
                    file.close();
                    return null;
                }
                throw corrupt(path, "it is an SQLite database but not a Rivulet recovery file");
            }
            WorkerFile.FlowRecord record = file.readFlow();
            if (record == null) {
                throw corrupt(path, "its flow record is missing");
            }
            if (!record.name().equals(identity.name())) {
                throw new RecoveryDirectoryException("recovery directory `" + path.getParent() + "` belongs to dataflow '"
                        + record.name() + "', not to '" + identity.name() + "'; give each dataflow its own recovery"
                        + " directory (or rename the flow back)");
            }
            if (record.workerCount() != workerCount) {
                throw new RecoveryDirectoryException("recovery directory `" + path.getParent() + "` was written by a run"
                        + " of '" + identity.name() + "' with " + record.workerCount() + " workers; this run has "
                        + workerCount + ". Recovery state cannot be re-spread over another worker count: run with "
                        + record.workerCount() + " workers (processes × workers per process), or start with an"
                        + " empty directory");
            }
            if (!record.fingerprint().equals(identity.fingerprint()) && worker == 0) {
                warnAboutChangedSteps(record.statefulSteps(), identity.statefulSteps(), identity.name());
            }
            return file;
        } catch (SQLException | RuntimeException e) {
            try {
                file.close();
            } catch (SQLException ignored) {
                // the original problem is the one to report
            }
            if (e instanceof SQLException) {
                throw corrupt(path, e.getMessage());
            }
            throw e;
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

    private static ResumePoint readResumePoint(Map<Integer, WorkerFile> files) throws SQLException {
        long min = Long.MAX_VALUE;
        boolean finished = true;
        long last = -1;
        boolean any = false;
        for (WorkerFile file : files.values()) {
            WorkerFile.Progress progress = file.latestProgress();
            if (progress == null) {
                return ResumePoint.FRESH;
            }
            any = true;
            min = Math.min(min, progress.frontier());
            finished &= progress.frontier() == Long.MAX_VALUE;
            last = Math.max(last, progress.lastEpoch());
        }
        return any ? new ResumePoint(min, finished, last) : ResumePoint.FRESH;
    }

    @Override
    public ResumePoint resumePoint() {
        return resumePoint;
    }

    @Override
    public synchronized void begin(long resumeEpoch) {
        this.resumeEpoch = resumeEpoch;
        try {
            long next = 0;
            for (WorkerFile file : files.values()) {
                next = Math.max(next, file.nextExecution());
            }
            execution = next;
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
        List<byte[][]> rows = new ArrayList<>();
        try {
            for (WorkerFile file : files.values()) {
                rows.addAll(file.loadLatest(stepId, resumeEpoch));
            }
        } catch (SQLException e) {
            throw new RecoveryDirectoryException("cannot read the recovery state of step '" + stepId + "' from `"
                    + directory + "`: " + e.getMessage(), e);
        }
        return rows;
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
