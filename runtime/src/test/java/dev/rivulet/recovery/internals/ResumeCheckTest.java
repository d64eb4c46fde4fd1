package dev.rivulet.recovery.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rivulet.recovery.RecoveryDirectoryException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster-wide verdict from the findings of every process, case by case. */
class ResumeCheckTest {
    private static final long DONE = ResumeCheck.DONE;

    private static WorkerFinding file(int worker, long execution, long frontier, long lastEpoch, long seenExecution,
            long seenFrontier) {
        return new WorkerFinding(worker, "/d/worker-" + worker + ".sqlite3", true, "run-1", "flow", "fp", List.of("s"),
                2, execution, frontier, lastEpoch, seenExecution, seenFrontier, 0, 0);
    }

    private static LocalReport process(WorkerFinding... files) {
        return new LocalReport("/d", "candidate", 0, 0, List.of(files));
    }

    private static ResumeCheck.Verdict decide(LocalReport... reports) {
        return ResumeCheck.decide("flow", 2, List.of(reports));
    }

    @Test
    void workersThatCrashedAtDifferentFrontiersResumeAtTheSmallest() {
        ResumeCheck.Verdict verdict = decide(process(file(0, 3, 12, 12, 3, 9)), process(file(1, 3, 9, 9, 3, 8)));
        assertThat(verdict.point().epoch()).isEqualTo(9);
        assertThat(verdict.execution()).isEqualTo(4);
        assertThat(verdict.runId()).isEqualTo("run-1");
    }

    @Test
    void aProcessKilledBeforeItBeganTheLastExecutionStillResumes() {
        // Process 0 recorded execution 4 (nothing completed in it); process 1 died before doing so.
        ResumeCheck.Verdict verdict = decide(process(file(0, 4, 9, 8, 3, 9)), process(file(1, 3, 9, 9, 3, 8)));
        assertThat(verdict.point().epoch()).isEqualTo(9);
        assertThat(verdict.execution()).as("agreed cluster-wide, not per process").isEqualTo(5);
    }

    @Test
    void aFileThatLostItsLastCommitsIsRefused() {
        assertThatThrownBy(() -> decide(process(file(0, 3, 12, 12, 3, 10)), process(file(1, 3, 7, 7, 3, 6))))
                .isInstanceOf(RecoveryDirectoryException.class)
                .hasMessageContaining("`worker-0.sqlite3` records that every worker had completed the epochs below 10")
                .hasMessageContaining("`worker-1.sqlite3` has only completed the epochs below 7 of execution 3");
    }

    @Test
    void anOlderBackupOfAFinishedRunIsRefusedEvenThoughBothFinished() {
        // Both files say "finished", but worker 1's is from before the continuation (execution 1).
        assertThatThrownBy(() -> decide(process(file(0, 1, DONE, 20, 1, DONE)), process(file(1, 0, DONE, 10, 0, DONE))))
                .isInstanceOf(RecoveryDirectoryException.class)
                .hasMessageContaining("completed all of its input (execution 1)")
                .hasMessageContaining("`worker-1.sqlite3` has only completed all of its input of execution 0");
    }

    @Test
    void aFinishedRunContinuesAfterItsLastEpoch() {
        ResumeCheck.Verdict verdict = decide(process(file(0, 1, DONE, 20, 1, DONE)), process(file(1, 1, DONE, 19, 1, DONE)));
        assertThat(verdict.point().epoch()).isEqualTo(21);
    }

    @Test
    void aMissingFileIsHarmlessOnlyWhileNothingWasCompleted() {
        LocalReport missing = process(WorkerFinding.absent(1, "/d/worker-1.sqlite3", 0));
        assertThat(decide(process(file(0, 0, 0, -1, -1, -1)), missing).point().epoch()).isZero();
        assertThatThrownBy(() -> decide(process(file(0, 0, 1, 0, -1, -1)), missing))
                .hasMessageContaining("has the files of workers [0]")
                .hasMessageContaining("but not of workers [1]");
    }

    @Test
    void aFreshDirectoryTakesTheRunIdOfProcessZero() {
        LocalReport first = new LocalReport("/a", "id-0", 0, 1, List.of(WorkerFinding.absent(0, "/a/worker-0.sqlite3", 0)));
        LocalReport second = new LocalReport("/b", "id-1", 1, 1, List.of(WorkerFinding.absent(1, "/b/worker-1.sqlite3", 0)));
        ResumeCheck.Verdict verdict = decide(first, second);
        assertThat(verdict.runId()).isEqualTo("id-0");
        assertThat(verdict.point().epoch()).isZero();
        assertThat(verdict.execution()).isZero();
    }

    @Test
    void reportsSurviveTheTripBetweenProcesses() {
        LocalReport report = new LocalReport("/d", "c", 2, 3, List.of(file(0, 3, DONE, 9, 3, DONE),
                WorkerFinding.absent(1, "/d/worker-1.sqlite3", 0), file(0, 4, 7, 6, -1, -1).inGeneration("gen-1-abcdef12")));
        assertThat(LocalReport.decode(report.encode())).isEqualTo(report);
    }

    /** A file of a rescaled generation written for {@code workers} workers. */
    private static WorkerFinding rescaled(String generation, int worker, int workers, long execution, long frontier) {
        return new WorkerFinding(worker, "/d/" + generation + "/worker-" + worker + ".sqlite3", true, "run-1", "flow",
                "fp", List.of("s"), workers, execution, frontier, frontier - 1, -1, -1, 0, 0, generation);
    }

    @Test
    void anotherWorkerCountRescalesFromTheMinimumFrontierIntoANewGeneration() {
        ResumeCheck.Verdict verdict = ResumeCheck.decide("flow", 3,
                List.of(process(file(0, 3, 12, 12, 3, 9), file(1, 3, 9, 9, 3, 8))));
        assertThat(verdict.point().epoch()).isEqualTo(9);
        assertThat(verdict.execution()).isEqualTo(4);
        assertThat(verdict.layout().rescales()).isTrue();
        assertThat(verdict.layout().source()).isEmpty();
        assertThat(verdict.layout().sourceWorkers()).isEqualTo(2);
        assertThat(verdict.layout().target()).startsWith("gen-1-");
    }

    @Test
    void aNewGenerationKilledBeforeEveryFileBeganIsIgnored() {
        // Worker 0 of the 3-worker generation committed its share; worker 1 began nothing; worker 2 has no file.
        ResumeCheck.Verdict verdict = ResumeCheck.decide("flow", 2, List.of(process(file(0, 3, 12, 12, 3, 9),
                file(1, 3, 9, 9, 3, 8), rescaled("gen-1-aaaaaaaa", 0, 3, 4, 10),
                rescaled("gen-1-aaaaaaaa", 1, 3, -1, 0))));
        assertThat(verdict.layout().source()).as("the old generation is still the authority").isEmpty();
        assertThat(verdict.layout().rescales()).isFalse();
        assertThat(verdict.point().epoch()).isEqualTo(9);
    }

    @Test
    void aCompleteNewGenerationIsAuthoritativeOverTheOneItReplaced() {
        ResumeCheck.Verdict verdict = ResumeCheck.decide("flow", 1, List.of(process(file(0, 3, 12, 12, 3, 9),
                rescaled("gen-1-aaaaaaaa", 0, 1, 4, 15))));
        assertThat(verdict.layout().source()).isEqualTo("gen-1-aaaaaaaa");
        assertThat(verdict.layout().rescales()).isFalse();
        assertThat(verdict.point().epoch()).isEqualTo(15);
        assertThat(verdict.execution()).isEqualTo(5);
    }

    @Test
    void aRescaleNeedsEveryOldFileOnEveryProcess() {
        LocalReport first = new LocalReport("/a", "c", 0, 1, List.of(file(0, 3, 12, 12, 3, 9)));
        LocalReport second = new LocalReport("/b", "c", 1, 1, List.of(file(1, 3, 9, 9, 3, 8)));
        assertThat(ResumeCheck.decide("flow", 2, List.of(first, second)).point().epoch()).isEqualTo(9);
        assertThatThrownBy(() -> ResumeCheck.decide("flow", 3, List.of(first, second)))
                .isInstanceOf(RecoveryDirectoryException.class)
                .hasMessageContaining("from 2 to 3 workers")
                .hasMessageContaining("process 0 (directory `/a`) lacks the files of workers [1] (`worker-1.sqlite3`)")
                .hasMessageContaining("Run with 2 workers");
    }

    @Test
    void aMissingFileOfTheOnlyGenerationLeftIsRefusedNotStartedAfresh() {
        // A completed rescale deleted generation 0; then gen-1's worker 1 file was lost.
        assertThatThrownBy(() -> ResumeCheck.decide("flow", 2, List.of(process(rescaled("gen-1-aaaaaaaa", 0, 2, 4, 15)))))
                .isInstanceOf(RecoveryDirectoryException.class)
                .hasMessageContaining("has the files of workers [0]")
                .hasMessageContaining("gen-1-aaaaaaaa/worker-1.sqlite3");
    }
}
