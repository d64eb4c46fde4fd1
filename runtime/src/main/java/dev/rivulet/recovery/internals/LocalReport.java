package dev.rivulet.recovery.internals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one process found in its part of the recovery directory, read without changing a byte:
 * a finding per worker file it can see, of every generation (on one machine every process sees
 * every file; on separate volumes only its own), which workers are its own in this run, and a
 * fresh id to use if the whole cluster turns out to start afresh or to rescale (process 0's is
 * taken).
 */
record LocalReport(String directory, String candidateRunId, int firstWorker, int localWorkers,
        List<WorkerFinding> findings) {

    /** Whether {@code worker} runs on this report's process. */
    boolean isLocal(int worker) {
        return worker >= firstWorker && worker < firstWorker + localWorkers;
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(directory);
            out.writeUTF(candidateRunId);
            out.writeInt(firstWorker);
            out.writeInt(localWorkers);
            out.writeInt(findings.size());
            for (WorkerFinding finding : findings) {
                finding.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LocalReport decode(byte[] report) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(report))) {
            String directory = in.readUTF();
            String run = in.readUTF();
            int first = in.readInt();
            int local = in.readInt();
            List<WorkerFinding> findings = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                findings.add(WorkerFinding.readFrom(in));
            }
            return new LocalReport(directory, run, first, local, findings);
        } catch (IOException e) {
            throw new UncheckedIOException("a recovery report from another process is damaged", e);
        }
    }
}
