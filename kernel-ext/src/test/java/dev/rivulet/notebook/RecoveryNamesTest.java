package dev.rivulet.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A flow's recovery directory is always one directory inside the notebook's recovery root. */
class RecoveryNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "...", "", "a/../..", "../other-notebook"})
    void noFlowNameLeavesTheNotebooksRoot(String flow) {
        Path root = RecoveryHousekeeping.root().toAbsolutePath().normalize();
        Path dir = Notebook.defaultRecoveryDir(flow).toAbsolutePath().normalize();
        assertThat(dir.getParent()).isEqualTo(root);
    }

    @Test
    void ordinaryNamesStayReadable() {
        assertThat(Notebook.safe("running-total")).isEqualTo("running-total");
        assertThat(Notebook.safe("word count v2.1")).isEqualTo("word_count_v2.1");
        assertThat(Notebook.safe("..")).isEqualTo("___");
    }
}
