package dev.rivulet.cluster.internals;

import javax.crypto.Mac;

/**
 * Initializes classes on a background thread while the caller waits for something else (a child
 * for its job, the parent for its children to boot), so their loading and static set-up leave
 * the critical path of a cluster's start. A class still being initialized when it is first used
 * simply makes that use wait for it; failures are ignored (the real use reports them).
 */
final class Preload {

    /** What a worker JVM needs once its job arrives: the mesh, item serialization, HMAC. */
    static final String[] WORKER = {
        "io.netty.channel.nio.NioEventLoopGroup",
        "io.netty.bootstrap.ServerBootstrap",
        "io.netty.bootstrap.Bootstrap",
        "io.netty.buffer.PooledByteBufAllocator",
        "com.esotericsoftware.kryo.Kryo",
        "dev.rivulet.cluster.internals.ClusterNode",
    };

    /** What the parent needs once its children report: Kryo for captured items, HMAC. */
    static final String[] PARENT = {
        "com.esotericsoftware.kryo.Kryo",
    };

    private Preload() {
    }

    static void inBackground(String... classNames) {
        ClassLoader loader = Preload.class.getClassLoader();
        Thread thread = new Thread(() -> {
            try {
                Mac.getInstance(Handshake.ALGORITHM);
            } catch (Throwable t) {
                // reported where the handshake uses it
            }
            for (String name : classNames) {
                try {
                    Class.forName(name, true, loader);
                } catch (Throwable t) {
                    // reported where the class is used
                }
            }
        }, "rivulet-preload");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }
}
