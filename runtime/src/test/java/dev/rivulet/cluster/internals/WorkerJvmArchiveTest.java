package dev.rivulet.cluster.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When worker JVMs write, use and skip a class-data archive. */
class WorkerJvmArchiveTest {

    @TempDir
    Path tmp;

    private Path jar;
    /** The build turns sharing off for the other tests (see the surefire configuration). */
    private String configured;

    @BeforeEach
    void setUp() throws Exception {
        configured = System.clearProperty("rivulet.cds");
        System.setProperty("rivulet.cds.dir", tmp.resolve("cds").toString());
        jar = Files.writeString(tmp.resolve("app.jar"), "not really a jar");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("rivulet.cds.dir");
        if (configured != null) {
            System.setProperty("rivulet.cds", configured);
        } else {
            System.clearProperty("rivulet.cds");
        }
    }

    @Test
    void aClassPathWithANonEmptyDirectoryGetsNoArchive() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Files.writeString(classes.resolve("A.class"), "x");
        assertThat(WorkerJvmArchive.forClasspath(jar + File.pathSeparator + classes)).isNull();
        // an empty directory does not stop sharing
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(WorkerJvmArchive.forClasspath(jar + File.pathSeparator + empty)).isNotNull();
    }

    @Test
    void theFirstOneOffChildWritesTheArchiveAndLaterChildrenUseIt() throws Exception {
        WorkerJvmArchive archive = WorkerJvmArchive.forClasspath(jar.toString());
        assertThat(archive.path().getParent()).isEqualTo(tmp.resolve("cds"));

        WorkerJvmArchive.Options warm = archive.options(false);
        assertThat(warm.jvmOptions()).isEmpty();
        WorkerJvmArchive.Options writer = archive.options(true);
        assertThat(writer.jvmOptions()).contains("-XX:ArchiveClassesAtExit=" + writer.writing());
        assertThat(archive.options(true).jvmOptions()).as("one writer at a time").isEmpty();

        Files.writeString(writer.writing(), "archive bytes");
        archive.childExited(writer.writing(), 0);
        assertThat(archive.path()).hasContent("archive bytes");
        assertThat(writer.writing()).doesNotExist();
        assertThat(archive.options(false).jvmOptions()).contains("-XX:SharedArchiveFile=" + archive.path());
    }

    @Test
    void aKilledWriterLeavesNoArchive() throws Exception {
        WorkerJvmArchive archive = WorkerJvmArchive.forClasspath(jar.toString());
        WorkerJvmArchive.Options writer = archive.options(true);
        Files.writeString(writer.writing(), "half an archive");
        archive.childExited(writer.writing(), 137);
        assertThat(archive.path()).doesNotExist();
        assertThat(writer.writing()).doesNotExist();
        assertThat(archive.options(true).writing()).as("the next child may try again").isNotNull();
    }

    @Test
    void aRebuiltJarGetsAnotherArchive() throws Exception {
        Path before = WorkerJvmArchive.forClasspath(jar.toString()).path();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertThat(WorkerJvmArchive.forClasspath(jar.toString()).path()).isNotEqualTo(before);
    }

    @Test
    void sharingCanBeTurnedOff() {
        System.setProperty("rivulet.cds", "false");
        assertThat(WorkerJvmArchive.forClasspath(jar.toString())).isNull();
    }
}
