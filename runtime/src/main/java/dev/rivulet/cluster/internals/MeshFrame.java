package dev.rivulet.cluster.internals;

import dev.rivulet.engine.Batch;
import dev.rivulet.engine.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The frames authenticated processes exchange (the length prefix is added by the pipeline).
 * Only the items of a {@link Data} frame go through Kryo; everything else is fixed binary or
 * JSON.
 */
sealed interface MeshFrame {
    byte DATA = 10;
    byte FRONTIER = 11;
    byte PROGRESS = 12;
    byte START = 13;
    byte FAIL = 14;
    byte BYE = 15;
    byte FLUSH_MARKER = 16;
    byte WATERMARK = 17;
    /** A data frame whose batch also carries item times and partition watermarks. */
    byte TIMED_DATA = 18;
    byte READY = 19;

    /** A batch or an edge frontier for one worker of the receiving process. */
    record Data(int toWorker, Message message) implements MeshFrame {
    }

    /** A worker finished every epoch below {@code frontier}. */
    record Progress(int worker, long frontier) implements MeshFrame {
    }

    /** The sender's recovery report (read-only findings), or why it could not open its recovery store. */
    record Start(byte[] report, String error) implements MeshFrame {
    }

    /** The sender has created its recovery files for the agreed run; its workers may start. */
    record Ready() implements MeshFrame {
    }

    /** The sender's run failed (JSON of a {@link FailureReport}). */
    record Fail(FailureReport report) implements MeshFrame {
    }

    /** The sender's workers all finished; it sends nothing more. */
    record Bye() implements MeshFrame {
    }

    /** Written last before closing, to learn when everything before it has been sent; ignored. */
    record FlushMarker() implements MeshFrame {
    }

    static ByteBuf encodeFlushMarker(ByteBufAllocator alloc) {
        return alloc.buffer(1).writeByte(FLUSH_MARKER);
    }

    static ByteBuf encodeMessage(ByteBufAllocator alloc, int toWorker, Message message,
            ItemSerializer serializer) {
        ByteBuf buf = alloc.buffer(message.isFrontier() ? 25 : 256);
        if (message.kind == Message.FRONTIER) {
            buf.writeByte(FRONTIER).writeInt(toWorker).writeInt(message.edgeId).writeInt(message.fromWorker)
                    .writeLong(message.frontier);
        } else if (message.isFrontier()) {
            buf.writeByte(WATERMARK).writeInt(toWorker).writeInt(message.edgeId).writeInt(message.fromWorker)
                    .writeLong(message.frontier).writeBoolean(message.kind == Message.IDLE);
        } else {
            Batch batch = message.batch;
            boolean timed = batch.times != null;
            buf.writeByte(timed ? TIMED_DATA : DATA).writeInt(toWorker).writeInt(message.edgeId)
                    .writeInt(message.fromWorker).writeLong(batch.epoch);
            if (timed) {
                // The partition tag stays behind: it only means something on the worker that read it.
                buf.writeInt(batch.size);
                for (int i = 0; i < batch.size; i++) {
                    buf.writeLong(batch.times[i]).writeLong(batch.marks[i]);
                }
            }
            try {
                serializer.writeItems(wholeItems(batch), batch.size, buf);
            } catch (RuntimeException e) {
                buf.release();
                throw e;
            }
        }
        return buf;
    }

    /** The batch's items as the stream has them: a keyed batch's pairs become {@code KV}s on the wire. */
    private static Object[] wholeItems(Batch batch) {
        if (batch.keys == null) {
            return batch.items;
        }
        Object[] whole = new Object[batch.size];
        for (int i = 0; i < batch.size; i++) {
            whole[i] = batch.item(i);
        }
        return whole;
    }

    static ByteBuf encodeProgress(ByteBufAllocator alloc, int worker, long frontier) {
        return alloc.buffer(13).writeByte(PROGRESS).writeInt(worker).writeLong(frontier);
    }

    static ByteBuf encodeStart(ByteBufAllocator alloc, byte[] report, String error) {
        ByteBuf buf = alloc.buffer(32);
        buf.writeByte(START);
        if (error == null) {
            buf.writeByte(1).writeBytes(report);
        } else {
            buf.writeByte(0).writeBytes(error.getBytes(StandardCharsets.UTF_8));
        }
        return buf;
    }

    static ByteBuf encodeFail(ByteBufAllocator alloc, FailureReport report) {
        return alloc.buffer().writeByte(FAIL).writeBytes(report.toJson());
    }

    static ByteBuf encodeReady(ByteBufAllocator alloc) {
        return alloc.buffer(1).writeByte(READY);
    }

    static ByteBuf encodeBye(ByteBufAllocator alloc) {
        return alloc.buffer(1).writeByte(BYE);
    }

    /** Decodes one frame; {@code serializer} reads the items of data frames. */
    static MeshFrame decode(ByteBuf frame, ItemSerializer serializer) {
        byte type = frame.readByte();
        switch (type) {
            case DATA -> {
                int to = frame.readInt();
                int edge = frame.readInt();
                int from = frame.readInt();
                long epoch = frame.readLong();
                Object[] items = serializer.readItems(frame);
                return new Data(to, Message.data(edge, from, new Batch(epoch, items, items.length)));
            }
            case TIMED_DATA -> {
                int to = frame.readInt();
                int edge = frame.readInt();
                int from = frame.readInt();
                long epoch = frame.readLong();
                int n = frame.readInt();
                long[] times = new long[n];
                long[] marks = new long[n];
                for (int i = 0; i < n; i++) {
                    times[i] = frame.readLong();
                    marks[i] = frame.readLong();
                }
                Object[] items = serializer.readItems(frame);
                return new Data(to, Message.data(edge, from,
                        new Batch(epoch, items, items.length, Batch.MIXED, times, marks)));
            }
            case FRONTIER -> {
                int to = frame.readInt();
                return new Data(to, Message.frontier(frame.readInt(), frame.readInt(), frame.readLong()));
            }
            case WATERMARK -> {
                int to = frame.readInt();
                return new Data(to, Message.watermark(frame.readInt(), frame.readInt(), frame.readLong(),
                        frame.readBoolean()));
            }
            case PROGRESS -> {
                return new Progress(frame.readInt(), frame.readLong());
            }
            case START -> {
                if (frame.readByte() == 1) {
                    byte[] report = new byte[frame.readableBytes()];
                    frame.readBytes(report);
                    return new Start(report, null);
                }
                return new Start(null, frame.toString(StandardCharsets.UTF_8));
            }
            case FAIL -> {
                byte[] json = new byte[frame.readableBytes()];
                frame.readBytes(json);
                return new Fail(FailureReport.fromJson(json));
            }
            case BYE -> {
                return new Bye();
            }
            case READY -> {
                return new Ready();
            }
            case FLUSH_MARKER -> {
                return new FlushMarker();
            }
            default -> throw new IllegalStateException("unknown frame type " + type);
        }
    }
}
