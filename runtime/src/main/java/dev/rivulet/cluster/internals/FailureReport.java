package dev.rivulet.cluster.internals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rivulet.RivuletException;
import dev.rivulet.cluster.RemoteWorkerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A failure as it travels between processes (JSON): the {@link RivuletException}'s fields and
 * its cause's class name, message and stack frames, so the receiver can rebuild it even when the
 * cause's class does not exist there.
 *
 * @param kind how this process learned of the failure; when several processes report, the
 *     {@link Kind#ORIGINAL} one is the one to show
 */
public record FailureReport(Kind kind, int processId, String message, String stepId, String operator,
        int workerIndex, String item, String causeClass, String causeMessage, List<Frame> causeFrames,
        String causeText) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a process came to fail, best first. */
    public enum Kind {
        /** A worker or the recovery store of this process failed. */
        ORIGINAL,
        /** Another process reported its failure. */
        PROPAGATED,
        /** This process lost the connection to another one. */
        LOST,
        /** The run was interrupted. */
        CANCELLED
    }

    /** One stack frame of the original exception. */
    public record Frame(String className, String method, String file, int line) {
    }

    /** The report of {@code failure}, seen by process {@code processId}. */
    public static FailureReport of(RivuletException failure, int processId, Kind kind) {
        Throwable cause = failure.getCause();
        String causeClass = null;
        String causeMessage = null;
        List<Frame> frames = new ArrayList<>();
        String text = null;
        if (cause instanceof RemoteWorkerException remote) {
            causeClass = remote.remoteClassName();
            causeMessage = remote.remoteMessage();
        } else if (cause != null) {
            causeClass = cause.getClass().getName();
            causeMessage = cause.getMessage();
        }
        if (cause != null) {
            for (StackTraceElement e : cause.getStackTrace()) {
                frames.add(new Frame(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber()));
            }
            StringWriter out = new StringWriter();
            cause.printStackTrace(new PrintWriter(out));
            text = out.toString();
        }
        return new FailureReport(kind, processId, failure.getMessage(), failure.stepId(), failure.operator(),
                failure.workerIndex(), failure.item(), causeClass, causeMessage, frames, text);
    }

    /** A failure with no step involved (start-up, a lost connection). */
    public static FailureReport plain(Kind kind, int processId, String message) {
        return new FailureReport(kind, processId, message, null, null, -1, null, null, null, List.of(), null);
    }

    /**
     * The exception for the caller: the same message, step, operator, worker and item, with a
     * {@link RemoteWorkerException} carrying the original class name and stack frames as cause.
     */
    public RivuletException toException() {
        RemoteWorkerException cause = null;
        if (causeClass != null) {
            StackTraceElement[] trace = new StackTraceElement[causeFrames == null ? 0 : causeFrames.size()];
            for (int i = 0; i < trace.length; i++) {
                Frame f = causeFrames.get(i);
                trace[i] = new StackTraceElement(f.className(), f.method(), f.file(), f.line());
            }
            cause = new RemoteWorkerException(causeClass, causeMessage, processId, trace);
        }
        return new RivuletException(message, cause, stepId, operator, workerIndex, item);
    }

    /** The same failure as learned by another process (the origin process id stays). */
    public FailureReport as(Kind newKind) {
        return new FailureReport(newKind, processId, message, stepId, operator, workerIndex, item,
                causeClass, causeMessage, causeFrames, causeText);
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FailureReport fromJson(byte[] json) {
        try {
            return JSON.readValue(json, FailureReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The failure to show: a worker's own over one passed on, over a death, over a lost connection. */
    static FailureReport mostTelling(java.util.List<FailureReport> failures) {
        FailureReport best = failures.get(0);
        for (FailureReport report : failures) {
            if (rank(report) < rank(best)) {
                best = report;
            }
        }
        return best;
    }

    private static int rank(FailureReport report) {
        return switch (report.kind()) {
            case ORIGINAL -> 0;
            case PROPAGATED -> 1;
            case LOST -> report.message().startsWith("worker process ") ? 2 : 3;
            case CANCELLED -> 4;
        };
    }
}
