package dev.rivulet.recovery.internals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * What a read-only look at one worker's file found: whether it holds anything, whose it is, and
 * how far its worker got. Sent between the processes of a cluster before any of them writes.
 *
 * @param path the file (as the process that read it names it)
 * @param present whether the file has Rivulet's schema ({@code false}: no file, an empty file,
 *     or an empty database left by a first start killed early)
 * @param runId the id of the run that created the directory's first files ({@code null} in
 *     files written before run ids were recorded)
 * @param execution the latest execution recorded ({@code -1}: none, the file never started a run)
 * @param frontier the worker's completed-epoch frontier in that execution
 * @param lastEpoch the largest epoch the worker used
 * @param seenExecution the latest execution in which this worker learned a cluster frontier above
 *     that execution's resume epoch ({@code -1}: none)
 * @param seenFrontier that cluster frontier: every worker had durably completed the epochs below
 *     it in that execution, so a file of the same directory showing less is older than this
 *     one (restored from a backup, or it lost its last commits); this worker may also have
 *     garbage-collected the snapshots such a resume would need
 * @param stateRows rows in the state table
 * @param bytes the file's size on disk (with its write-ahead log)
 * @param generation the generation the file belongs to ({@link Generations}: {@code ""} for the
 *     files directly in the recovery directory, {@code gen-<n>-<id>} for a rescaled one)
 */
record WorkerFinding(int worker, String path, boolean present, String runId, String flowName, String fingerprint,
        List<String> statefulSteps, int workerCount, long execution, long frontier, long lastEpoch,
        long seenExecution, long seenFrontier, long stateRows, long bytes, String generation) {

    /** A finding in generation 0 (the files directly in the recovery directory). */
    WorkerFinding(int worker, String path, boolean present, String runId, String flowName, String fingerprint,
            List<String> statefulSteps, int workerCount, long execution, long frontier, long lastEpoch,
            long seenExecution, long seenFrontier, long stateRows, long bytes) {
        this(worker, path, present, runId, flowName, fingerprint, statefulSteps, workerCount, execution, frontier,
                lastEpoch, seenExecution, seenFrontier, stateRows, bytes, Generations.BASE);
    }

    static WorkerFinding absent(int worker, String path, long bytes) {
        return new WorkerFinding(worker, path, false, null, null, null, List.of(), 0, -1, 0, -1, -1, -1, 0, bytes);
    }

    WorkerFinding inGeneration(String name) {
        return new WorkerFinding(worker, path, present, runId, flowName, fingerprint, statefulSteps, workerCount,
                execution, frontier, lastEpoch, seenExecution, seenFrontier, stateRows, bytes, name);
    }

    /** Whether the file's worker ever started a run. */
    boolean hasHistory() {
        return present && execution >= 0;
    }

    String fileName() {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(worker);
        out.writeUTF(path);
        out.writeBoolean(present);
        writeNullable(out, runId);
        writeNullable(out, flowName);
        writeNullable(out, fingerprint);
        out.writeUTF(String.join("\n", statefulSteps));
        out.writeInt(workerCount);
        out.writeLong(execution);
        out.writeLong(frontier);
        out.writeLong(lastEpoch);
        out.writeLong(seenExecution);
        out.writeLong(seenFrontier);
        out.writeLong(stateRows);
        out.writeLong(bytes);
        out.writeUTF(generation);
    }

    static WorkerFinding readFrom(DataInputStream in) throws IOException {
        return new WorkerFinding(in.readInt(), in.readUTF(), in.readBoolean(), readNullable(in), readNullable(in),
                readNullable(in), FlowIdentity.parseSteps(in.readUTF()), in.readInt(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readUTF());
    }

    private static void writeNullable(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
