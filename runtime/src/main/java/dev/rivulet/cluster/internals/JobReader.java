package dev.rivulet.cluster.internals;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Reads a child's stdin on its own thread: one header per job (magic, cluster secret, control
 * port, job bytes). The end of stdin means the parent is gone, so the child halts at once — also
 * in the middle of a run.
 */
final class JobReader {

    /** One job as the parent sent it. */
    record Header(ClusterSecret secret, int controlPort, byte[] job) {
    }

    private final BlockingQueue<Header> jobs = new LinkedBlockingQueue<>();

    JobReader(InputStream stdin, int processId) {
        Thread reader = new Thread(() -> read(new DataInputStream(stdin), processId), "rivulet-parent-watch");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(DataInputStream in, int processId) {
        try {
            while (true) {
                if (in.readInt() != WorkerProcessMain.BOOTSTRAP_MAGIC) {
                    System.err.println("rivulet worker process: stdin does not carry a Rivulet job; this class is "
                            + "started by Rivulet.spawnCluster, not by hand");
                    Runtime.getRuntime().halt(2);
                }
                ClusterSecret secret = ClusterSecret.of(in.readNBytes(ClusterSecret.LENGTH));
                int port = in.readInt();
                byte[] job = in.readNBytes(in.readInt());
                jobs.add(new Header(secret, port, job));
            }
        } catch (EOFException e) {
            // the parent closed our stdin: it is gone (or done with this warm worker)
        } catch (IOException e) {
            // treated like the end of stdin
        }
        System.err.flush();
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }

    /** The next job; blocks until the parent sends one. */
    Header next() {
        try {
            return jobs.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a job", e);
        }
    }
}
