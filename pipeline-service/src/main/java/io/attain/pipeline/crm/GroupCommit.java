package io.attain.pipeline.crm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * Group commit without a timer: callers that submit items under the same key while that key's group is being applied
 * wait, and when it is done the first of them leads the next group, taking everything queued meanwhile (up to
 * {@code maxGroup} items) in the order it arrived. A caller alone is applied at once, so nothing waits at low load;
 * under load one transaction serves many callers. Each caller returns only when the group holding its item has been
 * applied, with its own item's result; when applying a group throws, every caller of that group gets the exception.
 *
 * <p>The leader applies the group on its own thread; groups of different keys run concurrently, groups of one key one
 * after another. The number of keys must be bounded (here: the configured CRM clients), as a key's queue is kept.
 *
 * @param <K> what separates groups (items of different keys are never applied together)
 * @param <T> an item
 * @param <R> an item's result
 */
final class GroupCommit<K, T, R> {

    private final int maxGroup;
    /** Applies one group: the key and its items in the order submitted; answers one result per item, in that order. */
    private final BiFunction<K, List<T>, List<R>> apply;
    private final ConcurrentHashMap<K, Lane> lanes = new ConcurrentHashMap<>();

    GroupCommit(int maxGroup, BiFunction<K, List<T>, List<R>> apply) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one item, not " + maxGroup);
        }
        this.maxGroup = maxGroup;
        this.apply = apply;
    }

    /**
     * Applies {@code item} with whatever else is submitted under {@code key} at the same time, and answers its result
     * once its group has been applied; throws what applying its group threw.
     */
    R submit(K key, T item) {
        Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
        Waiter waiter = new Waiter(item, lane.lock.newCondition());
        List<Waiter> group;
        lane.lock.lock();
        try {
            lane.queue.add(waiter);
            if (!lane.busy) {
                // nothing running and so nothing queued before this one: lead at once
                lane.busy = true;
                waiter.leads = true;
            }
            while (!waiter.leads && !waiter.done) {
                // Not interruptible: the item may already be in a group being applied, and its caller must learn how
                // that ended rather than leave with the outcome unknown.
                waiter.turn.awaitUninterruptibly();
            }
            if (waiter.done) {
                return waiter.outcome();
            }
            group = new ArrayList<>(Math.min(maxGroup, lane.queue.size()));
            while (group.size() < maxGroup && !lane.queue.isEmpty()) {
                group.add(lane.queue.poll());
            }
        } finally {
            lane.lock.unlock();
        }
        List<R> results = null;
        Throwable failure = null;
        try {
            results = apply.apply(key, group.stream().map(w -> w.item).toList());
            if (results == null || results.size() != group.size()) {
                throw new IllegalStateException("a group of " + group.size() + " items answered "
                        + (results == null ? "nothing" : results.size() + " results"));
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            lane.lock.lock();
            try {
                for (int i = 0; i < group.size(); i++) {
                    Waiter member = group.get(i);
                    member.done = true;
                    member.failure = failure;
                    member.result = failure == null ? results.get(i) : null;
                    member.turn.signal();
                }
                Waiter next = lane.queue.peek();
                if (next == null) {
                    lane.busy = false;
                } else {
                    next.leads = true;
                    next.turn.signal();
                }
            } finally {
                lane.lock.unlock();
            }
        }
        return waiter.outcome();
    }

    /** How many items wait under {@code key} for a group to take them (not those being applied). */
    int queued(K key) {
        Lane lane = lanes.get(key);
        if (lane == null) {
            return 0;
        }
        lane.lock.lock();
        try {
            return lane.queue.size();
        } finally {
            lane.lock.unlock();
        }
    }

    /** The items waiting under one key, and whether a group of that key is being applied. */
    private final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        final ArrayDeque<Waiter> queue = new ArrayDeque<>();
        /** A group is being applied or its leader is about to take it; while so, arrivals queue. */
        boolean busy;
    }

    /** One caller's item; its fields are guarded by its lane's lock. */
    private final class Waiter {
        final T item;
        final Condition turn;
        boolean leads;
        boolean done;
        R result;
        Throwable failure;

        Waiter(T item, Condition turn) {
            this.item = item;
            this.turn = turn;
        }

        R outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}
