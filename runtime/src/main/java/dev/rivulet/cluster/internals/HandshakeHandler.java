package dev.rivulet.cluster.internals;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Handshake} on a new connection. Until it succeeds every frame is consumed
 * here, nothing reaches the codec, and any deviation (wrong magic, wrong length, wrong MAC, an
 * unexpected process id, silence for {@value #TIMEOUT_SECONDS} s) closes the connection with a
 * log line naming the remote address. On success it lifts the {@link FrameDecoder}'s limit,
 * completes {@link #authenticated()} with the peer's process id, fires an {@link Authenticated}
 * event down the pipeline and removes itself.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
    static final int TIMEOUT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

    /** Fired down the pipeline once the peer has proved it knows the secret. */
    record Authenticated(int peerProcessId) {
    }

    private final Handshake handshake;
    private final int self;
    /** The process dialled, or -1 on the accepting side. */
    private final int expectedPeer;
    private final IntPredicate acceptablePeer;
    private final FrameDecoder framer;
    private final Promise<Integer> authenticated;
    private byte[] ownNonce;
    private int peer = -1;
    private ScheduledFuture<?> timeout;

    /**
     * @param expectedPeer the process this side dialled, or -1 when accepting
     * @param acceptablePeer on the accepting side, which dialler ids are welcome
     */
    HandshakeHandler(Handshake handshake, int self, int expectedPeer, IntPredicate acceptablePeer,
            FrameDecoder framer, Promise<Integer> authenticated) {
        this.handshake = handshake;
        this.self = self;
        this.expectedPeer = expectedPeer;
        this.acceptablePeer = acceptablePeer;
        this.framer = framer;
        this.authenticated = authenticated;
    }

    /** Completes with the peer's process id, or fails when the connection closes first. */
    Promise<Integer> authenticated() {
        return authenticated;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> reject(ctx, "no handshake within " + TIMEOUT_SECONDS + " s"),
                TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (expectedPeer >= 0) {
            ownNonce = Handshake.nonce();
            ByteBuf hello = ctx.alloc().buffer(41).writeByte(Handshake.HELLO).writeInt(Handshake.MAGIC)
                    .writeInt(self).writeInt(expectedPeer).writeBytes(ownNonce);
            ctx.writeAndFlush(hello);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (expectedPeer >= 0) {
                dialerRead(ctx, frame);
            } else {
                acceptorRead(ctx, frame);
            }
        } catch (IndexOutOfBoundsException e) {
            reject(ctx, "a truncated handshake frame");
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void acceptorRead(ChannelHandlerContext ctx, ByteBuf frame) {
        byte type = frame.readByte();
        if (ownNonce == null) {
            if (type != Handshake.HELLO || frame.readInt() != Handshake.MAGIC) {
                reject(ctx, "not a Rivulet cluster hello");
                return;
            }
            int dialer = frame.readInt();
            int target = frame.readInt();
            byte[] dialerNonce = new byte[Handshake.NONCE_LENGTH];
            frame.readBytes(dialerNonce);
            if (target != self || !acceptablePeer.test(dialer)) {
                reject(ctx, "process " + dialer + " asked for process " + target + ", this is process " + self);
                return;
            }
            peer = dialer;
            ownNonce = Handshake.nonce();
            dialerNonceSeen = dialerNonce;
            ByteBuf challenge = ctx.alloc().buffer(73).writeByte(Handshake.CHALLENGE).writeInt(Handshake.MAGIC)
                    .writeInt(self).writeBytes(ownNonce)
                    .writeBytes(handshake.acceptorMac(dialerNonce, ownNonce, dialer, self));
            ctx.writeAndFlush(challenge);
            return;
        }
        if (type != Handshake.PROOF || frame.readableBytes() != Handshake.MAC_LENGTH) {
            reject(ctx, "a malformed handshake proof");
            return;
        }
        byte[] mac = new byte[Handshake.MAC_LENGTH];
        frame.readBytes(mac);
        if (!Handshake.matches(handshake.dialerMac(ownNonce, dialerNonceSeen, peer, self), mac)) {
            reject(ctx, "a wrong cluster secret (HMAC mismatch) from a client claiming to be process " + peer);
            return;
        }
        succeed(ctx);
    }

    private byte[] dialerNonceSeen;

    private void dialerRead(ChannelHandlerContext ctx, ByteBuf frame) {
        if (peer >= 0) {
            reject(ctx, "an unexpected handshake frame");
            return;
        }
        if (frame.readByte() != Handshake.CHALLENGE || frame.readInt() != Handshake.MAGIC) {
            reject(ctx, "not a Rivulet cluster challenge");
            return;
        }
        int acceptor = frame.readInt();
        byte[] acceptorNonce = new byte[Handshake.NONCE_LENGTH];
        frame.readBytes(acceptorNonce);
        byte[] mac = new byte[Handshake.MAC_LENGTH];
        frame.readBytes(mac);
        if (acceptor != expectedPeer) {
            reject(ctx, "expected process " + expectedPeer + " but process " + acceptor + " answered");
            return;
        }
        if (!Handshake.matches(handshake.acceptorMac(ownNonce, acceptorNonce, self, acceptor), mac)) {
            reject(ctx, "process " + acceptor + " does not know this cluster's secret (HMAC mismatch)");
            return;
        }
        peer = acceptor;
        ctx.writeAndFlush(ctx.alloc().buffer(33).writeByte(Handshake.PROOF)
                .writeBytes(handshake.dialerMac(acceptorNonce, ownNonce, self, acceptor)));
        succeed(ctx);
    }

    private void succeed(ChannelHandlerContext ctx) {
        timeout.cancel(false);
        framer.authenticated();
        authenticated.trySuccess(peer);
        ctx.fireUserEventTriggered(new Authenticated(peer));
        ctx.pipeline().remove(this);
    }

    private void reject(ChannelHandlerContext ctx, String why) {
        if (authenticated.isDone()) {
            return;
        }
        LOG.warn("process {}: rejected the connection with {}: {}", self, ctx.channel().remoteAddress(), why);
        authenticated.tryFailure(new IllegalStateException("handshake with " + ctx.channel().remoteAddress()
                + " failed: " + why));
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reject(ctx, cause instanceof io.netty.handler.codec.TooLongFrameException
                ? "not a Rivulet cluster connection (" + cause.getMessage() + ")" : cause.toString());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        authenticated.tryFailure(new IllegalStateException("the connection with " + ctx.channel().remoteAddress()
                + " closed during the handshake"));
        ctx.fireChannelInactive();
    }
}
