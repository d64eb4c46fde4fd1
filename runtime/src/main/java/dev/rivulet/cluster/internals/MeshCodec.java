package dev.rivulet.cluster.internals;

import dev.rivulet.RivuletException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Turns the frames of an authenticated peer into {@link MeshFrame}s, with this connection's own
 * {@link ItemSerializer} (Kryo is not thread-safe; a connection is always read by one event-loop
 * thread). Outbound frames are encoded by the sending worker thread instead, so that the write
 * buffer counts real bytes and back-pressure works.
 */
final class MeshCodec extends ChannelInboundHandlerAdapter {
    private final ItemSerializer serializer;

    MeshCodec(ClassLoader classLoader) {
        this.serializer = new ItemSerializer(classLoader);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        MeshFrame decoded;
        try {
            decoded = MeshFrame.decode(frame, serializer);
        } catch (RuntimeException e) {
            throw new RivuletException("could not read items sent by another process: " + e + ". Every class of "
                    + "the items that cross processes must be on every process's class path (the same version), "
                    + "and serializable by Kryo.", e);
        } finally {
            frame.release();
        }
        ctx.fireChannelRead(decoded);
    }
}
