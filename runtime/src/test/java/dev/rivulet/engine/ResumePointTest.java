package dev.rivulet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** S74 in Rivulet's terms: where an execution resumes, from what the processes recorded. */
class ResumePointTest {

    @Test
    void aFreshStoreStartsAtZero() {
        assertThat(ResumePoint.FRESH.epoch()).isZero();
        assertThat(ResumePoint.combine(List.of()).epoch()).isZero();
        assertThat(ResumePoint.combine(List.of(ResumePoint.FRESH, ResumePoint.FRESH)).epoch()).isZero();
    }

    @Test
    void afterACrashTheFirstEpochNotCompletedByEveryWorker() {
        // process 0's workers reached 5 and 7, process 1's finished their input
        ResumePoint first = new ResumePoint(5, false, 7);
        ResumePoint second = new ResumePoint(Vertex.DONE, true, 9);
        assertThat(ResumePoint.combine(List.of(first, second)).epoch()).isEqualTo(5);
    }

    @Test
    void afterACleanEndTheEpochAfterTheLastOneUsed() {
        ResumePoint first = new ResumePoint(Vertex.DONE, true, 7);
        ResumePoint second = new ResumePoint(Vertex.DONE, true, 9);
        assertThat(ResumePoint.combine(List.of(first, second)).epoch()).isEqualTo(10);
    }
}
