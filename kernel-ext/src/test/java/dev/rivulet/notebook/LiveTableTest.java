package dev.rivulet.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.KV;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiveTableTest {

    private final List<RichOutput> shown = new CopyOnWriteArrayList<>();
    private final List<RichOutput> updates = new CopyOnWriteArrayList<>();
    private final List<Long> updateTimes = new CopyOnWriteArrayList<>();

    private LiveTable live(AtomicLong clock, long minIntervalMillis, String recovery) {
        return new LiveTable(new LiveTable.Spec("run-1", "wordcount", List.of("counts"), 2, recovery),
                shown::add, out -> {
                    updates.add(out);
                    updateTimes.add(clock.get());
                }, clock::get, minIntervalMillis);
    }

    @Test
    void updatesAreThrottledAndTheFinalUpdateShowsEverything() throws Exception {
        AtomicLong clock = new AtomicLong(0);
        LiveTable live = live(clock, 200, null);
        live.start();
        // 10 simulated seconds of captures, one batch every simulated millisecond
        for (int ms = 1; ms <= 10_000; ms++) {
            clock.set(ms * 1_000_000L);
            live.onCaptured("counts", ms % 2, ms / 1000, List.of(KV.of("w" + ms, (long) ms)));
            if (ms % 500 == 0) {
                long before = live.updateCount();
                // let the updater catch up with the simulated clock before time moves on
                for (int spins = 0; spins < 2000 && live.updateCount() == before; spins++) {
                    Thread.onSpinWait();
                    Thread.sleep(0, 100_000);
                }
            }
        }
        live.finish(LiveTable.State.DONE, null);

        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).displayId()).isEqualTo("run-1");
        assertThat(updates).allSatisfy(u -> assertThat(u.displayId()).isEqualTo("run-1"));
        // at most one update per 200 simulated ms, plus the final one
        for (int i = 1; i < updateTimes.size() - 1; i++) {
            assertThat(updateTimes.get(i) - updateTimes.get(i - 1)).isGreaterThanOrEqualTo(200_000_000L);
        }
        assertThat(updates.size()).isLessThanOrEqualTo(10_000 / 200 + 2);
        RichOutput last = updates.get(updates.size() - 1);
        assertThat(last.text()).startsWith("wordcount: done · 10,000 items · epoch 10 · 1,000 items/s · 10.0 s · 2 workers");
        assertThat(last.text()).contains("… 9980 more rows …");
    }

    @Test
    void theDisplayIsBoundedToTheFirstAndLastRows() {
        AtomicLong clock = new AtomicLong();
        LiveTable live = live(clock, 200, ".rivulet/nb/wordcount");
        List<KV<String, Long>> batch = new ArrayList<>();
        for (long i = 0; i < 5000; i++) {
            batch.add(KV.of("w" + i, i));
        }
        live.onCaptured("counts", 0, 3, batch);

        RichOutput out = live.render();
        assertThat(count(out.html(), "<tr>")).isEqualTo(1 + 20 + 1); // header, 20 rows, "more rows"
        assertThat(out.html()).contains("<td>w0</td>").contains("<td>w9</td>").doesNotContain("<td>w10</td>")
                .contains("<td>w4990</td>").contains("<td>w4999</td>").contains("… 4980 more rows …")
                .doesNotContain("<script");
        assertThat(out.text()).contains("5,000 items").contains("recovery .rivulet/nb/wordcount");
    }

    @Test
    void aFailureIsTheFinalStateWithItsReport() {
        AtomicLong clock = new AtomicLong();
        LiveTable live = live(clock, 200, null);
        live.start();
        live.finish(LiveTable.State.FAILED, "step 'parse' failed <on> item \"x\"");

        RichOutput last = updates.get(updates.size() - 1);
        assertThat(last.text()).startsWith("wordcount: failed").contains("step 'parse' failed <on> item \"x\"");
        assertThat(last.html()).contains("step 'parse' failed &lt;on&gt; item &quot;x&quot;");
    }

    @Test
    void eachCaptureStepHasItsOwnSection() {
        LiveTable live = new LiveTable(new LiveTable.Spec("run-2", "two", List.of("evens", "odds"), 1, null),
                shown::add, updates::add, System::nanoTime, 200);
        live.onCaptured("evens", 0, 0, List.of(0L, 2L));
        live.onCaptured("odds", 0, 0, List.of(1L));

        String text = live.render().text();
        assertThat(text).contains("evens (2 items)").contains("odds (1 item)").contains("3 items");
        assertThat(text.indexOf("evens")).isLessThan(text.indexOf("odds"));
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
