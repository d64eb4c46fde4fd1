package dev.rivulet.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rivulet.KV;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import dev.rivulet.RunProgress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiveTableTest {

    private final List<RichOutput> shown = new CopyOnWriteArrayList<>();
    private final List<RichOutput> updates = new CopyOnWriteArrayList<>();
    private final List<Long> updateTimes = new CopyOnWriteArrayList<>();

    private LiveTable live(AtomicLong clock, long minIntervalMillis, String recovery) {
        return new LiveTable(new LiveTable.Spec("run-1", "wordcount", List.of("counts"), 2, recovery),
                null, shown::add, out -> {
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
        assertThat(last.text()).startsWith("wordcount: done · 0 items read · epoch 10 · 10.0 s · 2 workers");
        assertThat(last.text()).contains("counts · 10,000 rows").contains("… 9,980 more rows …");
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
                .contains("<td>w4990</td>").contains("<td>w4999</td>").contains("… 4,980 more rows …")
                .doesNotContain("<script");
        assertThat(out.text()).contains("5,000 rows").contains("recovery .rivulet/nb/wordcount");
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
                null, shown::add, updates::add, System::nanoTime, 200);
        live.onCaptured("evens", 0, 0, List.of(0L, 2L));
        live.onCaptured("odds", 0, 0, List.of(1L));

        String text = live.render().text();
        assertThat(text).contains("evens · 2 rows").contains("odds · 1 row");
        assertThat(text.indexOf("evens")).isLessThan(text.indexOf("odds"));
    }

    private static RunProgress.Snapshot snapshot(RunProgress.Phase phase, int ready, double runningSeconds,
            long read, long consumed, long size, RunProgress.StateSoFar state) {
        return new RunProgress.Snapshot(phase, 2, ready, (long) (runningSeconds * 1e9),
                List.of(new RunProgress.StepProgress("lines", "input", 0, read, 0, size, consumed, 0),
                        new RunProgress.StepProgress("count", "reduce", read * 8, 0, 0, 0, 0, 0),
                        new RunProgress.StepProgress("counts", "capture", 0, 0, 0, 0, 0, 0)),
                state == null ? Map.of() : Map.of("count", state));
    }

    @Test
    void theStatusLineShowsInputItemsReadTheirRatePercentAndTimeLeftAndTheReduceSoFar() {
        AtomicReference<RunProgress.Snapshot> now = new AtomicReference<>(snapshot(RunProgress.Phase.STARTING, 1, 0,
                0, 0, 1000, null));
        AtomicLong clock = new AtomicLong();
        LiveTable live = new LiveTable(new LiveTable.Spec("run-3", "wordcount", List.of("counts"), 4, 2, null,
                Map.of("counts", "count"), true), now::get, shown::add, updates::add, clock::get, 200);
        clock.set(800_000_000L);
        assertThat(live.render().text()).startsWith("wordcount: starting 2 worker JVMs (1 ready) · 0.8 s · 4 workers");

        clock.set(2_000_000_000L);
        now.set(snapshot(RunProgress.Phase.RUNNING, 2, 1.0, 41_200, 250, 1000,
                new RunProgress.StateSoFar("count", 5123, List.of(KV.of("the", 1400L), KV.of("and", 980L)))));
        RichOutput running = live.render();
        assertThat(running.text()).startsWith(
                "wordcount: running · 25% · 41,200 items read · 41,200 items/s · 3 s left · 2.0 s · 4 workers");
        assertThat(running.text()).contains("[█████░░░░░░░░░░░░░░░]")
                .contains("counts · count so far (not final): 5,123 keys, largest values")
                .contains("the   1400").contains("and    980")
                // per-step counts, as asked for
                .contains("count   reduce    329,600");
        assertThat(running.html()).contains("width:25%").contains("<i>count so far (not final)")
                .doesNotContain("<script").doesNotContain("<progress");

        now.set(snapshot(RunProgress.Phase.FINISHED, 2, 4.0, 164_800, 1000, 1000, null));
        live.onCaptured("counts", 0, 0, List.of(KV.of("the", 5600L)));
        clock.set(5_000_000_000L);
        live.finish(LiveTable.State.DONE, null);
        String done = updates.get(updates.size() - 1).text();
        assertThat(done).startsWith("wordcount: done · 164,800 items read · 41,200 items/s · 5.0 s · 4 workers")
                .contains("counts · 1 row").doesNotContain("so far");
    }

    @Test
    void numbersInTablesReadLikeNumbers() {
        assertThat(Formats.decimal(54.141999999999996)).isEqualTo("54.142");
        assertThat(Formats.decimal(3316340.009165568)).isEqualTo("3,316,340.009");
        assertThat(Formats.decimal(0.066)).isEqualTo("0.066");
        assertThat(Formats.decimal(0.000123456)).isEqualTo("0.000123");
        assertThat(Formats.decimal(2.0)).isEqualTo("2");
        assertThat(Formats.whole(2022)).isEqualTo("2022");
        assertThat(Formats.whole(1_999_980)).isEqualTo("1,999,980");
        assertThat(Formats.duration(83.4)).isEqualTo("1 min 23 s");
        var table = tech.tablesaw.api.Table.create("t", tech.tablesaw.api.DoubleColumn.create("v", 54.141999999999996,
                3316340.009165568));
        assertThat(TableView.render(table).text()).contains("54.142").contains("3,316,340.009")
                .doesNotContain("54.141999");
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
