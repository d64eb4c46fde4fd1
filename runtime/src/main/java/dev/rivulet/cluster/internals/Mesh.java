package dev.rivulet.cluster.internals;

import dev.rivulet.RivuletException;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * One TCP connection between every pair of processes of a cluster: process {@code i} dials every
 * process with a higher id and accepts the lower ones. Each connection runs this pipeline, one
 * handler per concern:
 *
 * <pre>
 *   socket bytes
 *     │  inbound                                              outbound ▲
 *     ▼                                                                │
 *   FrameDecoder       [int length][frame] → frame (≤256 B until authenticated)
 *   LengthFieldPrepender                                  frame → [int length][frame]
 *   HandshakeHandler   HMAC challenge–response; drops strangers; removes itself when done
 *   MeshCodec          frame → MeshFrame (Kryo for items, per connection)
 *   MeshDispatch       MeshFrame → Listener (inboxes, progress, start, fail, bye);
 *                      pauses reading while the local inboxes are full
 *                                                          ▲
 *                      worker threads encode frames themselves (thread-local Kryo) and write
 *                      them; the write-buffer water marks make the channel unwritable when the
 *                      peer does not keep up, which {@code congested()} reports to the inputs
 * </pre>
 */
final class Mesh implements AutoCloseable {
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    private static final long RETRY_MILLIS = 50;
    private static final long MAX_RETRY_MILLIS = 2000;

    /** What the mesh reports to the process that owns it (called on event-loop threads). */
    interface Listener {
        void onFrame(int peer, MeshFrame frame);

        /** The authenticated connection with {@code peer} ended or broke. */
        void onPeerLost(int peer, String why);

        /** This process failed handling what a peer sent (items it cannot decode). */
        void onLocalFailure(RuntimeException failure);

        /** Whether this process's inboxes are so full that reading from peers should pause. */
        boolean inboxesFull();
    }

    private final int self;
    private final int processes;
    private final Handshake handshake;
    private final ClassLoader classLoader;
    private final Listener listener;
    private final EventLoopGroup group;
    private final AtomicReferenceArray<Channel> peers;
    private final CountDownLatch allConnected;
    private final List<String> lastErrors = new ArrayList<>();
    private Channel server;
    private volatile boolean closing;

    Mesh(int self, int processes, ClusterSecret secret, ClassLoader classLoader, Listener listener) {
        this.self = self;
        this.processes = processes;
        this.handshake = new Handshake(secret);
        this.classLoader = classLoader;
        this.listener = listener;
        this.group = new NioEventLoopGroup(2, new DefaultThreadFactory("rivulet-mesh-" + self, true));
        this.peers = new AtomicReferenceArray<>(processes);
        this.allConnected = new CountDownLatch(processes - 1);
        for (int i = 0; i < processes; i++) {
            lastErrors.add(null);
        }
    }

    Listener listener() {
        return listener;
    }

    /** Listens on {@code address} (port 0: any free port); returns the port. */
    int bind(InetSocketAddress address) {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(initializer(-1));
        try {
            server = bootstrap.bind(address).sync().channel();
        } catch (Exception e) {
            throw new RivuletException("process " + self + " could not listen on " + address + ": " + e
                    + " (is the port in use, or the address not one of this machine's?)", e);
        }
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private ChannelInitializer<SocketChannel> initializer(int dialled) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                FrameDecoder framer = new FrameDecoder();
                Promise<Integer> authenticated = channel.eventLoop().newPromise();
                channel.pipeline()
                        .addLast("framer", framer)
                        .addLast("prepender", new LengthFieldPrepender(4))
                        .addLast("handshake", new HandshakeHandler(handshake, self, dialled,
                                peer -> peer >= 0 && peer < self && peers.get(peer) == null, framer, authenticated))
                        .addLast("codec", new MeshCodec(classLoader))
                        .addLast("dispatch", new MeshDispatch(Mesh.this));
            }
        };
    }

    /**
     * Dials every higher process (retrying until {@code timeout}) and waits until every other
     * process is connected and authenticated.
     */
    void connect(List<InetSocketAddress> addresses, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int peer = self + 1; peer < processes; peer++) {
            dial(peer, addresses.get(peer), deadline, RETRY_MILLIS);
        }
        if (!allConnected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            List<String> missing = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                if (p != self && peers.get(p) == null) {
                    String error;
                    synchronized (lastErrors) {
                        error = lastErrors.get(p);
                    }
                    missing.add("process " + p + " at " + addresses.get(p) + (error == null ? "" : " (" + error + ")"));
                }
            }
            throw new RivuletException("process " + self + " could not connect to " + String.join(", ", missing)
                    + " within " + timeout.toSeconds() + " s: are all processes started with the same address "
                    + "list and the same " + ClusterSecret.ENV + "?");
        }
    }

    /** Dials {@code peer}; on failure retries after {@code backoff} ms, doubling up to 2 s. */
    private void dial(int peer, InetSocketAddress address, long deadline, long backoff) {
        if (closing) {
            return;
        }
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(initializer(peer));
        ChannelFuture connect = bootstrap.connect(address);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                retry(peer, address, deadline, backoff, f.cause().toString());
                return;
            }
            HandshakeHandler handshakeHandler = connect.channel().pipeline().get(HandshakeHandler.class);
            if (handshakeHandler == null) {
                return;
            }
            handshakeHandler.authenticated().addListener(a -> {
                if (!a.isSuccess()) {
                    retry(peer, address, deadline, backoff, a.cause().getMessage());
                }
            });
        });
    }

    private void retry(int peer, InetSocketAddress address, long deadline, long backoff, String error) {
        synchronized (lastErrors) {
            lastErrors.set(peer, error);
        }
        if (!closing && System.nanoTime() < deadline) {
            group.schedule(() -> dial(peer, address, deadline, Math.min(backoff * 2, MAX_RETRY_MILLIS)), backoff,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** An authenticated connection with {@code peer}; a second one for the same peer is closed. */
    void register(int peer, Channel channel) {
        if (peers.compareAndSet(peer, null, channel)) {
            allConnected.countDown();
        } else {
            channel.close();
        }
    }

    void lost(int peer, Channel channel, String why) {
        if (peers.get(peer) == channel && !closing) {
            listener.onPeerLost(peer, why);
        }
    }

    void broken(int peer, Channel channel, Throwable cause) {
        if (peers.get(peer) != channel || closing) {
            return;
        }
        if (cause instanceof RivuletException failure) {
            listener.onLocalFailure(failure);
        } else {
            listener.onPeerLost(peer, "the connection broke: " + cause);
        }
    }

    /** Writes a frame to {@code peer} (dropped when the peer is gone: the run is failing then). */
    void send(int peer, ByteBuf frame) {
        Channel channel = peers.get(peer);
        if (channel == null) {
            frame.release();
            return;
        }
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    /** Writes a frame to every other process. */
    void broadcast(Function<ByteBufAllocator, ByteBuf> frame) {
        for (int p = 0; p < processes; p++) {
            if (p != self) {
                send(p, frame.apply(ByteBufAllocator.DEFAULT));
            }
        }
    }

    /** Whether every connection can take more bytes without exceeding its high water mark. */
    boolean writable() {
        for (int p = 0; p < processes; p++) {
            Channel channel = peers.get(p);
            if (channel != null && !channel.isWritable()) {
                return false;
            }
        }
        return true;
    }

    /** Flushes what was written, waiting at most {@code timeout}, then closes everything. */
    @Override
    public void close() {
        closeAfter(Duration.ofSeconds(2));
    }

    void closeAfter(Duration flushTimeout) {
        closing = true;
        long deadline = System.nanoTime() + flushTimeout.toNanos();
        for (int p = 0; p < processes; p++) {
            Channel channel = peers.get(p);
            if (channel != null && channel.isActive()) {
                // The last frame's future completes once everything before it reached the socket.
                ChannelFuture flushed = channel.writeAndFlush(MeshFrame.encodeFlushMarker(channel.alloc()));
                flushed.awaitUninterruptibly(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
                channel.close();
            }
        }
        if (server != null) {
            server.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
