package org.heaviside.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TwoAtATimeTest {

    /** Two tasks that each wait for the other can only both finish when they run at the same time. */
    @Test
    void twoTasksRunAtTheSameTimeOnTwoCores() {
        assumeTrue(TwoAtATime.slots() == 2);
        CyclicBarrier both = new CyclicBarrier(2);
        List<Supplier<Boolean>> tasks = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            tasks.add(() -> {
                try {
                    both.await(60, TimeUnit.SECONDS);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
        }
        TwoAtATime<Boolean> runner = TwoAtATime.start(tasks);
        assertThat(runner.get(0)).isTrue();
        assertThat(runner.get(1)).isTrue();
    }

    /** Results come back in the tasks' order; a task's exception is rethrown as it was thrown. */
    @Test
    void resultsComeInOrderAndExceptionsAsThrown() {
        List<Supplier<Integer>> tasks = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            int value = k;
            tasks.add(() -> {
                if (value == 5) {
                    throw new IllegalStateException("task 5");
                }
                return value * value;
            });
        }
        TwoAtATime<Integer> runner = TwoAtATime.start(tasks);
        for (int k = 0; k < 5; k++) {
            assertThat(runner.get(k)).isEqualTo(k * k);
        }
        assertThatThrownBy(() -> runner.get(5)).isInstanceOf(IllegalStateException.class).hasMessage("task 5");
    }
}
