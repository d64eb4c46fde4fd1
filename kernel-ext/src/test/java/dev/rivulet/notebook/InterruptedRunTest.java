package dev.rivulet.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.RivuletException;
import org.junit.jupiter.api.Test;

/** A run that fails because user code wrapped the cell's interrupt is a cancelled run. */
class InterruptedRunTest {

    @Test
    void anInterruptWrappedByUserCodeCountsAsCancelled() {
        RuntimeException wrapped = new RuntimeException("wrapped", new InterruptedException("sleep interrupted"));
        assertThat(Notebook.byInterrupt(new RivuletException("step 'sleepy' (map) failed", wrapped))).isTrue();
        assertThat(Notebook.byInterrupt(new IllegalStateException(new java.nio.channels.ClosedByInterruptException())))
                .isTrue();
    }

    @Test
    void otherFailuresAreFailures() {
        assertThat(Notebook.byInterrupt(new RivuletException("step 'parse' (map) failed",
                new NumberFormatException("x")))).isFalse();
        // a socket timeout is an InterruptedIOException, but no interrupt
        assertThat(Notebook.byInterrupt(new RuntimeException(new java.net.SocketTimeoutException("read timed out"))))
                .isFalse();
    }
}
