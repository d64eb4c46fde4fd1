package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks as a person sees them: JupyterLab on loopback, headless Chromium (Debian's
 * {@code chromium}) driven by puppeteer-core ({@code kernel-ext/src/test/browser}), notebooks 01
 * and 02 opened and run with Run All, screenshots saved under {@code target/browser-check/}.
 * {@code test.sh} installs what it needs when it can; without Chromium, JupyterLab or
 * puppeteer-core the test is skipped, saying which is missing.
 */
class BrowserNotebookIT {
    private static final Pattern READ = Pattern.compile("running · .*?([\\d,]+) items read");

    @TempDir
    static Path home;

    @Test
    void notebooksOneAndTwoRunInJupyterLabWithMovingProgressChartsAndNoRedBox() throws Exception {
        JupyterRunner jupyter = new JupyterRunner(home);
        Path chromium = Path.of(System.getProperty("rivulet.chromium", "/usr/bin/chromium"));
        Path jupyterCommand = jupyter.python.getParent().resolve("jupyter");
        Path browserDir = jupyter.projectDir.resolve("kernel-ext/src/test/browser");
        skipUnless(Files.isExecutable(chromium), "no Chromium at " + chromium + " (apt-get install chromium)");
        skipUnless(Files.isExecutable(jupyterCommand) && canImportJupyterLab(jupyter), "no JupyterLab next to "
                + jupyter.python + " (pip install jupyterlab)");
        skipUnless(Files.isDirectory(browserDir.resolve("node_modules/puppeteer-core")),
                "no puppeteer-core in " + browserDir + " (npm install there)");

        // A copy of the notebooks and their data: JupyterLab saves what it runs, the repository stays clean.
        Path root = home.resolve("lab");
        copy(jupyter.projectDir.resolve("notebooks"), root.resolve("notebooks"));
        copy(jupyter.projectDir.resolve("examples/data"), root.resolve("examples/data"));
        Path labConfig = home.resolve("config/labconfig");
        Files.createDirectories(labConfig);
        Files.writeString(labConfig.resolve("page_config.json"),
                "{\"disabledExtensions\": {\"@jupyterlab/apputils-extension:announcements\": true}}");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String token = UUID.randomUUID().toString();
        ProcessBuilder lab = new ProcessBuilder(jupyterCommand.toString(), "lab", "--no-browser",
                "--ServerApp.ip=127.0.0.1", "--ServerApp.port=" + port, "--ServerApp.port_retries=0",
                "--IdentityProvider.token=" + token, "--ServerApp.root_dir=" + root, "--allow-root",
                "--LabApp.expose_app_in_browser=True")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("jupyterlab.log").toFile());
        jupyter.privateJupyterDirs(lab.environment());
        Process server = lab.start();
        Path shots = jupyter.projectDir.resolve("kernel-ext/target/browser-check");
        try {
            String url = "http://127.0.0.1:" + port;
            awaitServer(server, url, token);
            ProcessBuilder node = new ProcessBuilder("node", "run_notebooks.mjs", chromium.toString(), url, token,
                    shots.toString(), "notebooks/01-quickstart.ipynb", "notebooks/02-windows.ipynb")
                    .directory(browserDir.toFile())
                    .redirectError(home.resolve("browser.err").toFile())
                    .redirectOutput(home.resolve("browser.json").toFile());
            Process browser = node.start();
            try {
                assertThat(browser.waitFor(600, TimeUnit.SECONDS)).as("the browser check ended in time").isTrue();
            } finally {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
            }
            assertThat(browser.exitValue()).as("the browser check:\n%s", Files.readString(home.resolve("browser.err")))
                    .isZero();
            JsonNode seen = JupyterRunner.JSON.readTree(Files.readString(home.resolve("browser.json")));
            check(seen.get(0), "01-quickstart");
            check(seen.get(1), "02-windows");
        } finally {
            server.destroy(); // SIGTERM: the server shuts its kernels down
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
            jupyter.assertNoKernelLeft();
        }
    }

    private static void check(JsonNode notebook, String name) {
        assertThat(notebook.path("notebook").asText()).contains(name);
        List<JsonNode> cells = new ArrayList<>();
        notebook.path("cells").forEach(cells::add);
        assertThat(cells).isNotEmpty().allSatisfy(cell -> {
            String what = name + " cell " + cell.path("index").asInt() + ": " + cell.path("source").asText()
                    + "\n" + cell.path("text").asText();
            assertThat(cell.path("executionCount").isNull()).as("ran: " + what).isFalse();
            assertThat(cell.path("stderr").asInt()).as("no red box: " + what).isZero();
            assertThat(cell.path("errors").asInt()).as("no error: " + what).isZero();
            // the imports cell (the same in every kernel) has nothing to show; every other cell does
            if (!cell.path("source").asText().startsWith("import ")) {
                assertThat(cell.path("outputs").asInt()).as("has output: " + what).isPositive();
                assertThat(Files.exists(Path.of(cell.path("file").asText()))).as("screenshot of " + what).isTrue();
            }
        });
        assertThat(cells.stream().filter(c -> c.path("source").asText().startsWith("Charts.")
                || c.path("source").asText().contains("Charts.live")))
                .as(name + ": chart cells").isNotEmpty()
                .allSatisfy(c -> assertThat(c.path("images").asInt()).as("a picture in " + c).isPositive());
        List<JsonNode> running = new ArrayList<>();
        notebook.path("running").forEach(running::add);
        assertThat(running).as(name + ": the live table while running").isNotEmpty()
                .allSatisfy(r -> assertThat(r.has("error")).as(r.toString()).isFalse())
                .filteredOn(r -> r.has("file"))
                .allSatisfy(r -> assertThat(Files.exists(Path.of(r.path("file").asText()))).isTrue());
        if (name.equals("01-quickstart")) {
            // the live table moves while the flow runs: the items read grow from picture to picture
            // (how fast is the benchmark's business; a loaded machine may show the first counts late)
            List<Long> read = running.stream().map(r -> read(r.path("status").asText())).filter(n -> n >= 0).toList();
            assertThat(read).as(running.toString()).isSortedAccordingTo(Long::compare);
            long moving = read.stream().distinct().filter(n -> n > 0).count();
            assertThat(moving).as("different counts seen while running: " + running)
                    .isGreaterThanOrEqualTo(Math.min(2, read.stream().filter(n -> n > 0).count()));
        }
    }

    /** Items read in a "running" status line, or -1 when the run was already over. */
    private static long read(String status) {
        Matcher m = READ.matcher(status);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    private static boolean canImportJupyterLab(JupyterRunner jupyter) throws Exception {
        return jupyter.python(List.of("-c", "import jupyterlab; print('ok')"), home, 60, true).trim().equals("ok");
    }

    private static void skipUnless(boolean available, String missing) {
        if (!available) {
            System.err.println("BrowserNotebookIT: SKIPPED: " + missing);
        }
        Assumptions.assumeTrue(available, "the browser check needs " + missing);
    }

    private static void awaitServer(Process server, String url, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("JupyterLab is running").isTrue();
            try {
                HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(url + "/api/status?token="
                        + token)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200); // polling a server that is starting; the answer decides
        }
        throw new AssertionError("JupyterLab did not answer on " + url + " within 120 s");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !f.toString().contains(".rivulet")
                    && !f.toString().contains(".ipynb_checkpoints")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
    }
}
