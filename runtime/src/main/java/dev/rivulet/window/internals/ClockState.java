package dev.rivulet.window.internals;

import java.io.Serializable;

/**
 * One key's clock: what it knows of time, as part of the key's snapshot. Times are epoch
 * milliseconds; {@link Long#MIN_VALUE} is "before anything", {@link Long#MAX_VALUE} "the end".
 */
public abstract class ClockState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Takes an item with time {@code itemTime} seen at system time {@code now}; the new watermark. */
    public abstract long onItem(long itemTime, long now);

    /** The watermark at system time {@code now}, without a new item. */
    public abstract long watermark(long now);

    /** The end of input: the watermark becomes the end of time. */
    public abstract void eof();

    /** The earliest system time at which {@link #watermark} reaches {@code time}; MAX if never. */
    public abstract long wakeAt(long time);

    /** Processing time: the watermark is the system time. */
    public static final class SystemTime extends ClockState {
        private static final long serialVersionUID = 1L;

        // Not kept across resumes, so a continuation after a finished run keeps counting time.
        private transient boolean eof;

        @Override
        public long onItem(long itemTime, long now) {
            return watermark(now);
        }

        @Override
        public long watermark(long now) {
            return eof ? Millis.MAX : now;
        }

        @Override
        public void eof() {
            eof = true;
        }

        @Override
        public long wakeAt(long time) {
            return time;
        }
    }

    /**
     * Event time, as the reference's event clock: the newest item time minus the allowed wait,
     * advanced by the system time since that item was seen; an item only moves the watermark
     * forward.
     */
    public static final class EventTime extends ClockState {
        private static final long serialVersionUID = 1L;

        private final long waitMillis;
        private long maxEventTime = Millis.MIN;
        private long seenAt;
        private boolean eof;

        public EventTime(long waitMillis) {
            this.waitMillis = waitMillis;
        }

        @Override
        public long onItem(long itemTime, long now) {
            long itemWatermark = Millis.sub(itemTime, waitMillis);
            if (maxEventTime == Millis.MIN || itemWatermark > watermark(now)) {
                maxEventTime = itemTime;
                seenAt = now;
            }
            return watermark(now);
        }

        @Override
        public long watermark(long now) {
            if (eof) {
                return Millis.MAX;
            }
            if (maxEventTime == Millis.MIN) {
                return Millis.MIN;
            }
            return Millis.add(Millis.sub(maxEventTime, waitMillis), Math.max(0, now - seenAt));
        }

        @Override
        public void eof() {
            eof = true;
        }

        @Override
        public long wakeAt(long time) {
            if (eof) {
                return Millis.MIN;
            }
            if (maxEventTime == Millis.MIN || time == Millis.MAX) {
                return Millis.MAX;
            }
            long base = Millis.sub(maxEventTime, waitMillis);
            return time <= base ? seenAt : Millis.add(seenAt, Millis.sub(time, base));
        }
    }
}
