package dev.rivulet.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** A worker's incoming messages: many producers, one consumer, FIFO per producer. */
public final class Inbox {
    private final ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile Thread owner;

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
        if (message != null) {
            size.decrementAndGet();
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
