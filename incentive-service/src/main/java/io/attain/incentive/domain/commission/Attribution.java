package io.attain.incentive.domain.commission;

import java.util.Arrays;
import java.util.List;

/**
 * Commission attributed to credits (or payments), as columns: a full quarter attributes commission to every
 * one of a million credits, and columns keep that to a few arrays per member instead of a million objects.
 *
 * <p>Keys are ordered by the hash of the credit id, then the credit id, then the payment (a credit before
 * its payments). Any fixed order makes statements independent of the order the ledger lists credits in;
 * this one compares whole numbers almost always. {@link String#hashCode()} is specified by the language,
 * so the order is the same on every JVM. What {@link #merge} and {@link #of} return is sorted and has one
 * entry per key; other attributions may be in any order.
 */
final class Attribution {

    static final Attribution EMPTY = new Attribution(new String[0], new String[0], new int[0], new String[0], new long[0]);

    final String[] creditIds;
    /** {@code null} entries for credits as a whole. */
    final String[] paymentIds;
    /** {@code creditIds[i].hashCode()}, kept so that ordering rarely has to look at the strings. */
    final int[] hashes;
    final String[] dealIds;
    /** Minor units; may be zero or negative. */
    final long[] units;

    /** The arrays are taken as they are. */
    Attribution(String[] creditIds, String[] paymentIds, int[] hashes, String[] dealIds, long[] units) {
        this.creditIds = creditIds;
        this.paymentIds = paymentIds;
        this.hashes = hashes;
        this.dealIds = dealIds;
        this.units = units;
    }

    int size() {
        return units.length;
    }

    /** The same credits with other amounts. */
    Attribution withUnits(long[] otherUnits) {
        return new Attribution(creditIds, paymentIds, hashes, dealIds, otherUnits);
    }

    /** Orders entry {@code i} before (negative) or after (positive) entry {@code j}; zero for the same key. */
    int compare(int i, int j) {
        return compareKeys(hashes[i], creditIds[i], paymentIds[i], hashes[j], creditIds[j], paymentIds[j]);
    }

    static int compareKeys(int hash, String creditId, String paymentId, int otherHash, String otherCreditId, String otherPaymentId) {
        if (hash != otherHash) {
            return Integer.compare(hash, otherHash);
        }
        int byCredit = creditId.compareTo(otherCreditId);
        if (byCredit != 0) {
            return byCredit;
        }
        if (paymentId == null || otherPaymentId == null) {
            return paymentId == null ? (otherPaymentId == null ? 0 : -1) : 1;
        }
        return paymentId.compareTo(otherPaymentId);
    }

    /** Entries in any order, keys possibly repeated: sorted and summed by key. */
    static Attribution of(List<CreditKey> keys, List<String> dealIds, List<Long> units) {
        int size = keys.size();
        String[] creditIds = new String[size];
        String[] paymentIds = new String[size];
        int[] hashes = new int[size];
        long[] amounts = new long[size];
        for (int i = 0; i < size; i++) {
            creditIds[i] = keys.get(i).creditId();
            paymentIds[i] = keys.get(i).paymentId();
            hashes[i] = creditIds[i].hashCode();
            amounts[i] = units.get(i);
        }
        return merge(List.of(new Attribution(creditIds, paymentIds, hashes, dealIds.toArray(String[]::new), amounts)));
    }

    /** Attributions in any order, keys possibly repeated, combined into one sorted by key with the amounts of each key summed. */
    static Attribution merge(List<Attribution> parts) {
        int total = 0;
        for (Attribution part : parts) {
            total += part.size();
        }
        if (total == 0) {
            return EMPTY;
        }
        Attribution all = concat(parts, total);
        int[] order = sortedOrder(all);
        String[] creditIds = new String[total];
        String[] paymentIds = new String[total];
        int[] hashes = new int[total];
        String[] dealIds = new String[total];
        long[] units = new long[total];
        int size = 0;
        for (int i : order) {
            if (size > 0 && hashes[size - 1] == all.hashes[i]
                    && compareKeys(hashes[size - 1], creditIds[size - 1], paymentIds[size - 1], all.hashes[i], all.creditIds[i], all.paymentIds[i]) == 0) {
                units[size - 1] += all.units[i];
                if (dealIds[size - 1] == null) {
                    dealIds[size - 1] = all.dealIds[i];
                }
                continue;
            }
            creditIds[size] = all.creditIds[i];
            paymentIds[size] = all.paymentIds[i];
            hashes[size] = all.hashes[i];
            dealIds[size] = all.dealIds[i];
            units[size] = all.units[i];
            size++;
        }
        return size == total ? new Attribution(creditIds, paymentIds, hashes, dealIds, units)
                : new Attribution(Arrays.copyOf(creditIds, size), Arrays.copyOf(paymentIds, size), Arrays.copyOf(hashes, size),
                Arrays.copyOf(dealIds, size), Arrays.copyOf(units, size));
    }

    private static Attribution concat(List<Attribution> parts, int total) {
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        String[] creditIds = new String[total];
        String[] paymentIds = new String[total];
        int[] hashes = new int[total];
        String[] dealIds = new String[total];
        long[] units = new long[total];
        int at = 0;
        for (Attribution part : parts) {
            int size = part.size();
            System.arraycopy(part.creditIds, 0, creditIds, at, size);
            System.arraycopy(part.paymentIds, 0, paymentIds, at, size);
            System.arraycopy(part.hashes, 0, hashes, at, size);
            System.arraycopy(part.dealIds, 0, dealIds, at, size);
            System.arraycopy(part.units, 0, units, at, size);
            at += size;
        }
        return new Attribution(creditIds, paymentIds, hashes, dealIds, units);
    }

    /**
     * The positions of {@code attribution}'s entries in key order; equal keys keep their positions' order.
     * Sorts {@code (hash << 32 | position)} as plain numbers and compares in full only entries sharing a hash.
     */
    static int[] sortedOrder(Attribution attribution) {
        return sortedOrder(attribution.hashes, attribution.creditIds, attribution.paymentIds, attribution.size());
    }

    static int[] sortedOrder(int[] hashes, String[] creditIds, String[] paymentIds, int size) {
        long[] packed = new long[size];
        for (int i = 0; i < size; i++) {
            packed[i] = ((long) hashes[i] << 32) | i;
        }
        Arrays.sort(packed);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) packed[i];
        }
        for (int from = 0; from < size; ) {
            int to = from + 1;
            while (to < size && hashes[order[to]] == hashes[order[from]]) {
                to++;
            }
            if (to - from > 1) {
                Integer[] tied = new Integer[to - from];
                for (int i = from; i < to; i++) {
                    tied[i - from] = order[i];
                }
                // stable: equal keys stay in position order
                Arrays.sort(tied, (a, b) -> compareKeys(hashes[a], creditIds[a], paymentIds[a], hashes[b], creditIds[b], paymentIds[b]));
                for (int i = from; i < to; i++) {
                    order[i] = tied[i - from];
                }
            }
            from = to;
        }
        return order;
    }
}
