package dev.rivulet.cluster.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildClasspathTest {

    @Test
    void jobClassesAddedAtRunTimeReachTheChildren(@TempDir Path jobClasses) throws Exception {
        try (URLClassLoader job = new URLClassLoader(new URL[] {jobClasses.toUri().toURL()},
                ChildClasspathTest.class.getClassLoader())) {
            List<String> entries = List.of(ChildClasspath.of(job).split(File.pathSeparator));
            assertThat(entries).contains(jobClasses.toString());
            assertThat(entries).containsAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
            assertThat(entries).doesNotHaveDuplicates();
        }
    }
}
