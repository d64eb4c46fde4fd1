package dev.rivulet.cluster.internals;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits the byte stream into frames of {@code [int length][length bytes]}. Until the
 * connection is authenticated the length limit is tiny ({@link Handshake#MAX_HANDSHAKE_FRAME}),
 * so a stranger cannot make this process buffer much; {@link #authenticated()} lifts it.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    /** The largest frame of an authenticated peer (a batch of big items). */
    static final int MAX_FRAME = 256 * 1024 * 1024;

    private int maxFrame = Handshake.MAX_HANDSHAKE_FRAME;

    void authenticated() {
        maxFrame = MAX_FRAME;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 1 || length > maxFrame) {
            in.skipBytes(in.readableBytes());
            throw new TooLongFrameException("frame of " + length + " bytes (the limit is " + maxFrame
                    + (maxFrame == MAX_FRAME ? "" : " before authentication") + ")");
        }
        if (in.readableBytes() < 4 + length) {
            return;
        }
        in.skipBytes(4);
        out.add(in.readRetainedSlice(length));
    }
}
