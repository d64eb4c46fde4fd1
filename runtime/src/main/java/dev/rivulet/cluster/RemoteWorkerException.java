package dev.rivulet.cluster;

/**
 * The original exception of a worker in another process, rebuilt in this one: its class name,
 * message and stack trace travel as text and stack frames, because the class itself need not
 * exist (or be serializable) here. It is the cause of the {@link dev.rivulet.RivuletException}
 * thrown by {@link dev.rivulet.Rivulet#spawnCluster} or {@link dev.rivulet.Rivulet#clusterMain}.
 *
 * <pre>{@code
 * try {
 *     Rivulet.spawnCluster(flow, 2, 2, RunOptions.defaults());
 * } catch (RivuletException e) {
 *     if (e.getCause() instanceof RemoteWorkerException remote) {
 *         System.err.println(remote.remoteClassName() + " in process " + remote.processId());
 *     }
 * }
 * }</pre>
 */
public final class RemoteWorkerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;
    private final String remoteMessage;
    private final int processId;

    /**
     * @param remoteClassName the original exception's class name
     * @param remoteMessage the original message, or null
     * @param processId the process the worker ran in
     * @param stackTrace the original stack frames
     */
    public RemoteWorkerException(String remoteClassName, String remoteMessage, int processId,
            StackTraceElement[] stackTrace) {
        super(remoteClassName + (remoteMessage == null ? "" : ": " + remoteMessage)
                + " (in process " + processId + ")", null, false, true);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        this.processId = processId;
        setStackTrace(stackTrace);
    }

    /** The fully qualified class name of the original exception, e.g. {@code java.lang.ArithmeticException}. */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** The original exception's message, or null. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The id of the process whose worker threw it. */
    public int processId() {
        return processId;
    }
}
