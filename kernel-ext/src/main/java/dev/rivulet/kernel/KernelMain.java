package dev.rivulet.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the "Java (Rivulet)" kernel: {@code java -cp 'lib/*' dev.rivulet.kernel.KernelMain
 * <connection file>} (Jupyter writes the connection file and passes its path; see the kernelspec
 * that {@code install.sh} writes).
 */
public final class KernelMain {
    /** Held so the level set below is not lost (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger BASEKERNEL_LOG =
            java.util.logging.Logger.getLogger("io.github.spencerpark");

    private KernelMain() {
    }

    /** Connects to the Jupyter front end described by the connection file and serves it until shutdown. */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(KernelArchive.WARM_UP)) {
            RivuletKernel.warmUp();
            System.exit(0); // the JVM writes its class-data archive as it exits (KernelArchive)
        }
        if (args.length != 1) {
            System.err.println("usage: java -cp 'kernel-ext/target/kernel/lib/*' dev.rivulet.kernel.KernelMain <connection-file>");
            System.exit(2);
        }
        // basekernel logs every channel start and stop at INFO on stderr: only problems are news.
        BASEKERNEL_LOG.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection jupyter = new JupyterConnection(connection);
        RivuletKernel kernel = new RivuletKernel();
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        jupyter.waitUntilClose();
        // runs and other notebook threads must not keep a shut-down kernel alive
        System.exit(0);
    }
}
