package dev.rivulet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Back-pressure between the worker threads of one process. */
class LocalTransportTest {

    @Test
    void aWorkerPausedByACongestedInboxWakesWhenThatInboxDrainsToItsMark() throws Exception {
        LocalTransport transport = new LocalTransport(2, 0);
        for (int i = 0; i <= LocalTransport.HIGH_WATER_MARK; i++) {
            transport.send(1, Message.frontier(0, 0, i));
        }
        assertThat(transport.congested(0)).isTrue();
        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch resumed = new CountDownLatch(1);
        // Like a worker whose inputs are paused and that has nothing else to do: it parks far
        // longer than the test waits, so only a wake-up lets it see the congestion is over.
        Thread sender = new Thread(() -> {
            parked.countDown();
            while (transport.congested(0)) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(60));
            }
            resumed.countDown();
        });
        transport.inbox(0).owner(sender);
        sender.setDaemon(true);
        sender.start();
        try {
            assertThat(parked.await(10, TimeUnit.SECONDS)).isTrue();
            Inbox congested = transport.inbox(1);
            assertThat(congested.poll()).isNotNull();
            assertThat(congested.size()).isEqualTo(LocalTransport.HIGH_WATER_MARK);
            assertThat(resumed.await(10, TimeUnit.SECONDS)).as("the paused worker resumed").isTrue();
        } finally {
            sender.interrupt();
            sender.join(10_000);
        }
    }
}
