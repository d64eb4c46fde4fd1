package dev.rivulet.cluster.internals;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;

/**
 * The last handler: hands decoded frames of one peer to the {@link Mesh.Listener}, registers the
 * connection with the {@link Mesh} once authenticated, reports its loss, and stops reading while
 * this process's inboxes are full (TCP then pushes back on the sender, whose channel becomes
 * unwritable and whose inputs pause).
 */
final class MeshDispatch extends ChannelInboundHandlerAdapter {
    private static final long RECHECK_MICROS = 500;

    private final Mesh mesh;
    private int peer = -1;

    MeshDispatch(Mesh mesh) {
        this.mesh = mesh;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeHandler.Authenticated authenticated) {
            peer = authenticated.peerProcessId();
            mesh.register(peer, ctx.channel());
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MeshFrame frame = (MeshFrame) msg;
        mesh.listener().onFrame(peer, frame);
        if (frame instanceof MeshFrame.Data && mesh.listener().inboxesFull()) {
            pause(ctx.channel());
        }
    }

    private void pause(Channel channel) {
        channel.config().setAutoRead(false);
        channel.eventLoop().schedule(() -> resumeWhenDrained(channel), RECHECK_MICROS, TimeUnit.MICROSECONDS);
    }

    private void resumeWhenDrained(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        if (mesh.listener().inboxesFull()) {
            channel.eventLoop().schedule(() -> resumeWhenDrained(channel), RECHECK_MICROS, TimeUnit.MICROSECONDS);
        } else {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer >= 0) {
            mesh.lost(peer, ctx.channel(), "the connection closed");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (peer >= 0) {
            mesh.broken(peer, ctx.channel(), cause);
        }
        ctx.close();
    }
}
