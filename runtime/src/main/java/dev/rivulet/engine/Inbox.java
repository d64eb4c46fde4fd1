package dev.rivulet.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker's incoming messages: many producers, one consumer, FIFO per producer.
 *
 * <p>A transport pauses every worker's inputs while some inbox holds more than its high-water
 * mark ({@link Transport#congested}); a paused worker with nothing else to do parks. So that it
 * resumes as soon as the backlog is gone rather than at its next timeout, the inbox runs its
 * {@code drained} hook (the transport wakes the workers) when a poll brings it back down to the
 * mark.
 */
public final class Inbox {
    private final ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int highWaterMark;
    private final Runnable drained;
    private volatile Thread owner;

    /** An inbox without a high-water mark. */
    public Inbox() {
        this(Integer.MAX_VALUE, null);
    }

    /** @param drained run when a poll leaves exactly {@code highWaterMark} messages */
    public Inbox(int highWaterMark, Runnable drained) {
        this.highWaterMark = highWaterMark;
        this.drained = drained;
    }

    void owner(Thread thread) {
        this.owner = thread;
    }

    public void offer(Message message) {
        queue.offer(message);
        size.incrementAndGet();
        wake();
    }

    Message poll() {
        Message message = queue.poll();
        if (message != null && size.decrementAndGet() == highWaterMark && drained != null) {
            drained.run();
        }
        return message;
    }

    public int size() {
        return size.get();
    }

    public void wake() {
        Thread thread = owner;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
