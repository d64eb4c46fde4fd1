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
 * a finding per local worker file, the worker files beyond this run's worker count, and a fresh
 * run id to use if the whole cluster turns out to start afresh (process 0's is taken).
 */
record LocalReport(String directory, String candidateRunId, List<WorkerFinding> findings, List<Integer> beyond) {

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(directory);
            out.writeUTF(candidateRunId);
            out.writeInt(findings.size());
            for (WorkerFinding finding : findings) {
                finding.writeTo(out);
            }
            out.writeInt(beyond.size());
            for (int worker : beyond) {
                out.writeInt(worker);
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
            List<WorkerFinding> findings = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                findings.add(WorkerFinding.readFrom(in));
            }
            List<Integer> beyond = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                beyond.add(in.readInt());
            }
            return new LocalReport(directory, run, findings, beyond);
        } catch (IOException e) {
            throw new UncheckedIOException("a recovery report from another process is damaged", e);
        }
    }
}
