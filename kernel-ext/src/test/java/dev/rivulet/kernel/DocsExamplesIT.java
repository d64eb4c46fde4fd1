package dev.rivulet.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example of the manual runs: the {@code ```java} blocks of {@code README.md} and of
 * each {@code docs/*.md} page become the cells of one notebook per page, executed top to bottom by
 * the bundled kernel (default imports and magics included), as a reader who pastes them into a
 * notebook would. The kernel works in a scratch copy of the repository root (its {@code examples}
 * and {@code docs} linked in, so examples read the shipped data and whatever they write stays out
 * of the checkout), or in the folder of it a page names with {@code <!-- docs-test: cwd=DIR -->}.
 *
 * <p>A block that cannot run there (it needs a broker or a cluster) is fenced
 * {@code ```java no-run} and preceded by {@code <!-- run by: SomeTest#someMethod -->}: this test
 * checks that such a test method exists, so the claim stays true. After a page's blocks, every
 * Dataflow they left in variables runs on two worker JVMs as {@code %spawn_cluster -p2} runs it:
 * the manual's examples must work on a cluster as written.
 */
class DocsExamplesIT {
    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*(.*)$");
    private static final Pattern RUN_BY = Pattern.compile("<!--\\s*run by:\\s*([\\w.$]+)#(\\w+)\\s*-->");
    private static final Pattern CWD = Pattern.compile("<!--\\s*docs-test:\\s*cwd=(\\S+)\\s*-->");

    /** A cell that runs every Dataflow variable of the notebook on two worker JVMs, as %spawn_cluster does. */
    static final String SHIP_EVERY_FLOW = """
            int flowsRunOnACluster = 0;
            {
                var rivuletKernel = (dev.rivulet.kernel.RivuletKernel) getKernelInstance();
                var notebookLoader = Thread.currentThread().getContextClassLoader();
                var refused = new java.util.ArrayList<String>();
                for (String name : rivuletKernel.variables().keySet()) {
                    if (rivuletKernel.evalRaw(name) instanceof dev.rivulet.Dataflow shipped) {
                        try {
                            dev.rivulet.notebook.NotebookClusters.spawnCluster(shipped,
                                    dev.rivulet.notebook.SpawnClusterArgs.parse(List.of("-p2", name)));
                            flowsRunOnACluster++;
                        } catch (RuntimeException e) {
                            refused.add(name + ": " + e.getMessage());
                        }
                    }
                }
                if (!refused.isEmpty()) {
                    throw new AssertionError("these flows do not run on %spawn_cluster -p2: " + refused);
                }
            }
            flowsRunOnACluster
            """;

    @TempDir
    static Path home;
    static JupyterRunner jupyter;

    @BeforeAll
    static void kernelspec() throws IOException {
        jupyter = new JupyterRunner(home);
    }

    /** A fenced Java block of a page: its first line number, whether it runs, and its code. */
    record Block(int line, boolean runs, String runBy, String code) {}

    static List<Block> javaBlocks(List<String> lines, Path page) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches() || fence.group(1).isEmpty()) {
                continue;
            }
            int start = i;
            StringBuilder code = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                code.append(lines.get(i)).append('\n');
            }
            if (!fence.group(1).equals("java")) {
                continue;
            }
            boolean runs = !fence.group(2).contains("no-run");
            String runBy = null;
            if (!runs) {
                String before = start > 0 ? lines.get(start - 1) : "";
                Matcher m = RUN_BY.matcher(before);
                assertThat(m.find()).as("%s line %d: a ```java no-run block must be preceded by"
                        + " <!-- run by: SomeTest#method --> naming the test that runs it", page, start + 1).isTrue();
                runBy = m.group(1) + "#" + m.group(2);
            }
            blocks.add(new Block(start + 1, runs, runBy, code.toString()));
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaExampleOfTheManualRuns() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(jupyter.projectDir.resolve("README.md"));
        try (Stream<Path> docs = Files.list(jupyter.projectDir.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            List<Block> blocks = javaBlocks(lines, page);
            if (blocks.isEmpty()) {
                continue;
            }
            String name = jupyter.projectDir.relativize(page).toString();
            tests.add(DynamicTest.dynamicTest(name, () -> runPage(page, lines, blocks)));
        }
        assertThat(tests).as("pages with Java examples").isNotEmpty();
        return tests.stream();
    }

    private void runPage(Path page, List<String> lines, List<Block> blocks) throws Exception {
        for (Block block : blocks) {
            if (!block.runs()) {
                assertTestExists(page, block);
            }
        }
        List<Block> runnable = blocks.stream().filter(Block::runs).toList();
        if (runnable.isEmpty()) {
            return;
        }
        String base = page.getFileName().toString().replace(".md", "");
        Path work = Files.createDirectories(home.resolve("work-" + base));
        for (String linked : List.of("examples", "docs")) {
            Files.createSymbolicLink(work.resolve(linked), jupyter.projectDir.resolve(linked));
        }
        Path cwd = work;
        for (String line : lines) {
            Matcher m = CWD.matcher(line);
            if (m.find()) {
                cwd = Files.createDirectories(work.resolve(m.group(1)));
            }
        }
        ObjectNode notebook = JupyterRunner.JSON.createObjectNode();
        notebook.put("nbformat", 4).put("nbformat_minor", 5);
        ObjectNode kernelspec = notebook.putObject("metadata").putObject("kernelspec");
        kernelspec.put("name", "rivulet").put("display_name", "Java (Rivulet)").put("language", "java");
        ArrayNode cells = notebook.putArray("cells");
        for (Block block : runnable) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code").put("execution_count", (Integer) null);
            cell.putObject("metadata").put("docs_line", block.line());
            cell.putArray("outputs");
            cell.put("source", block.code());
        }
        // Last, every flow the page built must run on %spawn_cluster: what its functions read
        // travels, and a stream, path or file a cell only used to build it stays behind.
        ObjectNode ship = cells.addObject();
        ship.put("cell_type", "code").put("execution_count", (Integer) null);
        ship.putObject("metadata").put("docs_line", 0);
        ship.putArray("outputs");
        ship.put("source", SHIP_EVERY_FLOW);
        Path file = home.resolve("docs-" + base + ".ipynb");
        JupyterRunner.JSON.writeValue(file.toFile(), notebook);
        JsonNode executed = jupyter.runNotebook(file, true, cwd);
        List<JsonNode> executedCells = JupyterRunner.cells(executed);
        List<String> ran = JupyterRunner.outputTexts(executedCells.get(executedCells.size() - 1));
        if (runnable.stream().anyMatch(b -> b.code().contains("new Dataflow("))) {
            assertThat(ran).as("%s: flows run on %%spawn_cluster", page).isNotEmpty();
            assertThat(Integer.parseInt(ran.get(ran.size() - 1).trim())).as("%s: flows run on %%spawn_cluster", page)
                    .isPositive();
        }
        for (JsonNode cell : JupyterRunner.cells(executed)) {
            for (JsonNode output : cell.path("outputs")) {
                assertThat(output.path("output_type").asText())
                        .as("%s, the ```java block at line %d:\n%s\nfailed with:\n%s",
                                jupyter.projectDir.relativize(page), cell.path("metadata").path("docs_line").asInt(),
                                JupyterRunner.source(cell), JupyterRunner.outputText(output))
                        .isNotEqualTo("error");
            }
        }
    }

    /** The test named by a no-run block is a method of a test class somewhere in the project. */
    private void assertTestExists(Path page, Block block) throws IOException {
        String[] parts = block.runBy().split("#");
        String simpleName = parts[0].substring(parts[0].lastIndexOf('.') + 1);
        Pattern method = Pattern.compile("\\b(void|Stream<DynamicTest>)\\s+" + Pattern.quote(parts[1]) + "\\s*\\(");
        List<Path> testRoots = new ArrayList<>();
        try (Stream<Path> modules = Files.list(jupyter.projectDir)) {
            modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory).forEach(testRoots::add);
        }
        try (Stream<Path> files = testRoots.stream().flatMap(DocsExamplesIT::walk)) {
            boolean found = files
                    .filter(p -> p.getFileName().toString().equals(simpleName + ".java"))
                    .anyMatch(p -> {
                        try {
                            return method.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            return false;
                        }
                    });
            assertThat(found).as("%s line %d names the test %s, which does not exist", page, block.line(), block.runBy())
                    .isTrue();
        }
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
