package io.attain.pipeline.crm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GroupCommitTest {

    /** Every group applied, in the order applied: its key and items. */
    private final List<String> groups = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldApplyALoneItemAtOnceOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        List<Thread> appliedOn = new ArrayList<>();
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(10, (key, items) -> {
            appliedOn.add(Thread.currentThread());
            return record(key, items);
        });

        assertThat(commit.submit("a", 1)).isEqualTo(10);
        assertThat(commit.submit("a", 2)).isEqualTo(20);

        assertThat(groups).containsExactly("a[1]", "a[2]");
        assertThat(appliedOn).containsOnly(caller);
    }

    @Test
    void shouldApplyWhatArrivedDuringAGroupAsTheNextGroupInArrivalOrderEachCallerWithItsOwnResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(10, blockingOn(0, release));
        Future<Integer> first = submitInOrder(commit, "a", 0);

        List<Future<Integer>> queued = new ArrayList<>();
        for (int item = 1; item <= 5; item++) {
            queued.add(submitInOrder(commit, "a", item));
        }
        assertThat(first).isNotDone();
        assertThat(queued).noneMatch(Future::isDone);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(0);
        for (int item = 1; item <= 5; item++) {
            assertThat(queued.get(item - 1).get(10, TimeUnit.SECONDS)).isEqualTo(item * 10);
        }
        assertThat(groups).containsExactly("a[0]", "a[1, 2, 3, 4, 5]");
    }

    @Test
    void shouldTakeAtMostMaxGroupItemsPerGroup() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(3, blockingOn(0, release));
        submitInOrder(commit, "a", 0);
        List<Future<Integer>> queued = new ArrayList<>();
        for (int item = 1; item <= 7; item++) {
            queued.add(submitInOrder(commit, "a", item));
        }
        release.countDown();
        for (Future<Integer> result : queued) {
            result.get(10, TimeUnit.SECONDS);
        }
        assertThat(groups).containsExactly("a[0]", "a[1, 2, 3]", "a[4, 5, 6]", "a[7]");
    }

    @Test
    void shouldGiveAGroupsFailureToEveryCallerOfThatGroupOnly() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(2, (key, items) -> {
            if (items.contains(0)) {
                awaitLatch(release);
            }
            if (items.contains(2)) {
                throw new IllegalStateException("group " + items + " failed");
            }
            return record(key, items);
        });
        Future<Integer> first = submitInOrder(commit, "a", 0);
        Future<Integer> one = submitInOrder(commit, "a", 1);
        Future<Integer> two = submitInOrder(commit, "a", 2);
        Future<Integer> three = submitInOrder(commit, "a", 3);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(0);
        for (Future<Integer> failed : List.of(one, two)) {
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("group [1, 2] failed");
        }
        assertThat(three.get(10, TimeUnit.SECONDS)).isEqualTo(30);
        assertThat(groups).containsExactly("a[0]", "a[3]");
    }

    @Test
    void shouldRefuseAnswersThatDoNotMatchTheGroup() {
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(5, (key, items) -> List.of());
        assertThatThrownBy(() -> commit.submit("a", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a group of 1 items answered 0 results");
        // the key is free again
        GroupCommit<String, Integer, Integer> working = new GroupCommit<>(5, this::record);
        assertThat(working.submit("a", 1)).isEqualTo(10);
    }

    @Test
    void shouldNeverHoldOneKeyBackBehindAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(10, blockingOn(0, release));
        Future<Integer> blocked = submitInOrder(commit, "a", 0);

        assertThat(threads.submit(() -> commit.submit("b", 1)).get(10, TimeUnit.SECONDS)).isEqualTo(10);
        assertThat(blocked).isNotDone();
        release.countDown();
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(0);
    }

    @Test
    void shouldApplyEveryItemExactlyOnceAndOneGroupPerKeyAtATimeUnderContention() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        GroupCommit<String, Integer, Integer> commit = new GroupCommit<>(7, (key, items) -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            applied.addAndGet(items.size());
            running.decrementAndGet();
            return items.stream().map(item -> -item).toList();
        });
        int callers = 16;
        int perCaller = 2_000;
        List<Future<Integer>> wrong = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            wrong.add(threads.submit(() -> {
                int mismatches = 0;
                for (int i = 0; i < perCaller; i++) {
                    int item = caller * perCaller + i;
                    if (commit.submit("only", item) != -item) {
                        mismatches++;
                    }
                }
                return mismatches;
            }));
        }
        for (Future<Integer> mismatches : wrong) {
            assertThat(mismatches.get(60, TimeUnit.SECONDS)).isZero();
        }
        assertThat(applied.get()).isEqualTo(callers * perCaller);
        assertThat(overlaps.get()).isZero();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private List<Integer> record(String key, List<Integer> items) {
        groups.add(key + items);
        return items.stream().map(item -> item * 10).toList();
    }

    /** Applies like {@link #record}, but a group holding {@code item} waits for {@code release} first. */
    private BiFunction<String, List<Integer>, List<Integer>> blockingOn(int item, CountDownLatch release) {
        return (key, items) -> {
            if (items.contains(item)) {
                awaitLatch(release);
            }
            return record(key, items);
        };
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Submits from a thread of its own and returns once that thread leads or waits, so items submitted one after
     * another arrive in that order.
     */
    private Future<Integer> submitInOrder(GroupCommit<String, Integer, Integer> commit, String key, int item) {
        CountDownLatch started = new CountDownLatch(1);
        Thread[] submitter = new Thread[1];
        Future<Integer> result = threads.submit(() -> {
            submitter[0] = Thread.currentThread();
            started.countDown();
            return commit.submit(key, item);
        });
        awaitLatch(started);
        await().atMost(Duration.ofSeconds(10)).until(() -> result.isDone()
                || submitter[0].getState() == Thread.State.WAITING || submitter[0].getState() == Thread.State.TIMED_WAITING);
        return result;
    }
}
