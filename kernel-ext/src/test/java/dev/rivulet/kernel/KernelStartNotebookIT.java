package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel is {@code idle} for Jupyter right after it starts: it answers {@code kernel_info}
 * while its slow start-up (JShell, the start-up imports) is still going on, and cells wait for
 * that start-up instead. A real jupyter_client talks to the kernel over ZeroMQ; the test holds the
 * start-up until the client has seen the kernel ready, so a kernel that answered only after its
 * start-up would never be seen ready (and the test would fail), however fast the machine.
 */
class KernelStartNotebookIT {

    @TempDir
    Path home;

    @Test
    void answersKernelInfoAndReportsIdleBeforeItsStartUpIsDoneThenRunsCells() throws Exception {
        JupyterRunner jupyter = new JupyterRunner(home);
        Path connectionFile = home.resolve("kernel-connection.json");
        Files.writeString(connectionFile, connectionJson());
        Path readyFile = home.resolve("ready.json");

        CountDownLatch startUpHeld = new CountDownLatch(1);
        RivuletKernel kernel = new RivuletKernel(() -> {
            try {
                startUpHeld.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return RivuletKernel.startSession();
        });
        JupyterConnection connection = new JupyterConnection(
                KernelConnectionProperties.parse(Files.readString(connectionFile)));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        try {
            CompletableFuture<String> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return jupyter.python(List.of(jupyter.projectDir.resolve("kernel-ext/src/test/python/ready_while_starting.py").toString(), connectionFile.toString(),
                            readyFile.toString()), home, 180, false);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the client writes the file once the kernel answered kernel_info; the start-up is still held
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(readyFile) && !client.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20); // polling a file the Python client writes; no event to wait on
            }
            assertThat(readyFile).as("the kernel answered kernel_info while its start-up was held").exists();
            JsonNode ready = JupyterRunner.JSON.readTree(readyFile.toFile());
            assertThat(startUpHeld.getCount()).isEqualTo(1);
            assertThat(ready.get("states").toString()).contains("\"idle\"");

            startUpHeld.countDown();
            JsonNode result = JupyterRunner.JSON.readTree(client.get(180, TimeUnit.SECONDS));
            assertThat(result.get("status").asText()).isEqualTo("ok");
            assertThat(result.get("values").toString()).contains("\"2\"");
        } finally {
            startUpHeld.countDown();
            kernel.onShutdown(false);
            connection.close();
        }
    }

    @Test
    void aKernelStartedWithItsClassDataArchiveRunsAFlow() throws Exception {
        JupyterRunner jupyter = new JupyterRunner(home);
        Path spec = home.resolve("data/kernels/" + KernelSpec.NAME);
        Path archive = KernelArchive.write(spec);
        assertThat(archive).isRegularFile().isEqualTo(spec.resolve(KernelArchive.FILE_NAME));
        assertThat(Files.size(archive)).isGreaterThan(1 << 20);
        assertThat(Files.readString(spec.resolve("kernel.json"))).contains("-XX:SharedArchiveFile={resource_dir}/kernel.jsa");

        Path cells = home.resolve("cells.json");
        JupyterRunner.JSON.writeValue(cells.toFile(), List.of("var f = new Dataflow(\"archived\");\n"
                + "f.input(\"n\", Sources.range(0, 10)).map(\"twice\", n -> n * 2).capture(\"out\");\n"
                + "Rivulet.runMain(f).captured(\"out\").size()"));
        String out = jupyter.python(List.of(jupyter.projectDir.resolve("kernel-ext/src/test/python/cells_iopub.py")
                .toString(), KernelSpec.NAME, cells.toString()), home, 180, false);
        JsonNode cell = JupyterRunner.JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow()).get(0);
        assertThat(cell.get("status").asText()).isEqualTo("ok");
        assertThat(cell.get("outputs").toString()).contains("\"10\"");
    }

    private static String connectionJson() throws Exception {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports[i] = socket.getLocalPort();
            }
        }
        return "{\"transport\": \"tcp\", \"ip\": \"127.0.0.1\", \"signature_scheme\": \"hmac-sha256\","
                + " \"key\": \"" + UUID.randomUUID() + "\", \"shell_port\": " + ports[0]
                + ", \"iopub_port\": " + ports[1] + ", \"stdin_port\": " + ports[2]
                + ", \"control_port\": " + ports[3] + ", \"hb_port\": " + ports[4] + "}";
    }
}
