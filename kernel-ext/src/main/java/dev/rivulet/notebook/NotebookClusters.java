package dev.rivulet.notebook;

import dev.rivulet.Dataflow;
import dev.rivulet.RunOptions;
import dev.rivulet.RunResult;
import dev.rivulet.cluster.WorkerPool;
import dev.rivulet.shipping.JobPackage;
import dev.rivulet.shipping.JobPacker;
import dev.rivulet.shipping.ShippingException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * {@code %spawn_cluster}: runs notebook flows on local worker JVMs. The flow is packed with
 * {@link JobPacker} at submit time — its cell classes, and the notebook variables its code reads,
 * by value — and run on a warm {@link WorkerPool} kept per cluster shape for the kernel's
 * lifetime, through the same live table as {@code %run_main}.
 *
 * <pre>{@code
 * Table t = NotebookClusters.spawnCluster(flow, SpawnClusterArgs.parse(List.of("-p2", "flow")));
 * }</pre>
 */
public final class NotebookClusters {
    private static final Map<List<Integer>, WorkerPool> POOLS = new HashMap<>();

    private NotebookClusters() {
    }

    /** {@code %spawn_cluster args}: parses, resolves the expression in the notebook, runs. */
    static Table spawnClusterMagic(List<String> args) throws Exception {
        SpawnClusterArgs parsed = SpawnClusterArgs.parse(args);
        NotebookHost kernel = Notebook.host();
        if (parsed.run().help()) {
            kernel.display(RichOutput.text(SpawnClusterArgs.USAGE));
            return null;
        }
        Dataflow flow = MagicExpression.flow("spawn_cluster", parsed.run().expression(),
                "for example %spawn_cluster -p2 flow");
        return spawnCluster(flow, parsed);
    }

    /**
     * Runs {@code flow} on {@code args.processes()} warm worker JVMs of {@code args.run().workers()}
     * workers each. The host (else the calling thread's context class loader, as in a cell)
     * supplies the notebook's cell classes: they are the ones shipped, and captured items come
     * back as them.
     *
     * @throws NotebookRunException when the flow cannot be shipped (the message names the step,
     *     the variable or class, and the fix) or the run fails
     */
    public static Table spawnCluster(Dataflow flow, SpawnClusterArgs args) {
        NotebookHost host = Notebook.host();
        ClassLoader notebook = host != null ? host.notebookClassLoader() : Thread.currentThread().getContextClassLoader();
        JobPackage job;
        try {
            job = JobPacker.pack(flow, notebook, host != null ? host::cellClassBytes : JobPacker.resourceBytes(notebook));
        } catch (ShippingException e) {
            // The message is the whole story; the packer's frames would only hide it.
            throw new NotebookRunException("%spawn_cluster " + flow.name() + ": " + e.getMessage(), e);
        }
        int workers = args.run().workers();
        WorkerPool pool = pool(args.processes(), workers, args.fresh());
        return Notebook.run(flow, args.run(), args.processes() * workers, args.processes(),
                (f, w, options) -> runOn(pool, f, job, options));
    }

    private static RunResult runOn(WorkerPool pool, Dataflow flow, JobPackage job, RunOptions options) {
        return pool.run(flow, job, options);
    }

    /** The warm pool of this shape, started (or restarted, with {@code fresh}) as needed. */
    static synchronized WorkerPool pool(int processes, int workersPerProcess, boolean fresh) {
        List<Integer> shape = List.of(processes, workersPerProcess);
        WorkerPool pool = POOLS.get(shape);
        if (pool != null && fresh) {
            pool.close();
            pool = null;
        }
        if (pool == null) {
            pool = WorkerPool.start(processes, workersPerProcess);
            POOLS.put(shape, pool);
        }
        return pool;
    }

    /** Process ids of the kernel's warm worker JVMs (empty when none), e.g. to check reuse. */
    public static synchronized List<Long> workerPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).sorted().toList();
    }

    /** Ends every warm worker JVM (the kernel's shutdown does this too). */
    public static synchronized void closeAll() {
        POOLS.values().forEach(WorkerPool::close);
        POOLS.clear();
    }
}
