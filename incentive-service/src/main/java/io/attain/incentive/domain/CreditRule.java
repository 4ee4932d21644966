package io.attain.incentive.domain;

import io.attain.events.CreditSplit;
import io.attain.events.DealSnapshot;
import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who is credited with how much of a deal, and which ledger entries bring the ledger there.
 *
 * <p>A booked deal ({@code WON} or {@code COLLECTED}) credits its amount to the members of its credit
 * splits by their percentages, or wholly to its owner when it has no splits; any other stage credits
 * nobody. The amount is brought to the currency's minor unit once (HALF_UP) and then shared out with
 * {@link SplitAllocation}, so the credits add up exactly to the deal amount.
 *
 * <p>Each deal event carries the full deal, so the rule compares what the deal should credit now with
 * the credits standing on the ledger: a member whose standing credit is still right gets nothing new;
 * otherwise the standing credit is reversed and, if the member is still due something, a new credit is
 * written. Applying the same snapshot twice therefore appends nothing the second time.
 */
public final class CreditRule {

    private static final BigDecimal WHOLE = BigDecimal.valueOf(100);

    private CreditRule() {
    }

    /** A credit on the ledger that no reversal has cancelled. */
    public record ActiveCredit(UUID entryId, String memberId, Money amount) {
        public ActiveCredit {
            Objects.requireNonNull(entryId, "entryId");
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** An entry to append: a new credit, or the reversal of an active one (negative, naming it). */
    public record Posting(CreditKind kind, String memberId, Money amount, UUID reversesEntryId) {

        static Posting credit(String memberId, Money amount) {
            return new Posting(CreditKind.CREDIT, memberId, amount, null);
        }

        static Posting reversal(ActiveCredit credit) {
            return new Posting(CreditKind.REVERSAL, credit.memberId(), credit.amount().negate(), credit.entryId());
        }
    }

    /**
     * The entries that bring the ledger from {@code active} to what {@code deal} credits: reversals first,
     * then new credits.
     *
     * @throws IllegalArgumentException when the deal cannot be credited as it stands (a booked deal without
     *                                  amount or owner, splits that do not add up to 100 percent)
     */
    public static List<Posting> postings(DealSnapshot deal, List<ActiveCredit> active) {
        Map<String, Money> due = credits(deal);
        Map<String, List<ActiveCredit>> standing = new LinkedHashMap<>();
        for (ActiveCredit credit : active) {
            standing.computeIfAbsent(credit.memberId(), member -> new ArrayList<>()).add(credit);
        }
        Set<String> members = new LinkedHashSet<>(standing.keySet());
        members.addAll(due.keySet());

        List<Posting> reversals = new ArrayList<>();
        List<Posting> credits = new ArrayList<>();
        for (String member : members) {
            List<ActiveCredit> current = standing.getOrDefault(member, List.of());
            Money wanted = due.get(member);
            if (wanted != null && current.size() == 1 && current.getFirst().amount().equals(wanted)) {
                continue;
            }
            current.forEach(credit -> reversals.add(Posting.reversal(credit)));
            if (wanted != null) {
                credits.add(Posting.credit(member, wanted));
            }
        }
        List<Posting> postings = new ArrayList<>(reversals);
        postings.addAll(credits);
        return postings;
    }

    /** What the deal credits each member as it stands: nothing unless booked; members with a zero share omitted. */
    public static Map<String, Money> credits(DealSnapshot deal) {
        Objects.requireNonNull(deal, "deal");
        if (!deal.isBooked()) {
            return Map.of();
        }
        if (deal.amount() == null) {
            throw new IllegalArgumentException("booked deal " + deal.id() + " has no amount");
        }
        Money total = deal.amount().rounded(RoundingMode.HALF_UP);
        if (total.isNegative()) {
            throw new IllegalArgumentException("deal " + deal.id() + " has a negative amount " + deal.amount());
        }
        Map<String, Money> credits = new LinkedHashMap<>();
        if (total.isZero()) {
            return credits;
        }
        SplitAllocation.allocate(total, percents(deal)).forEach((member, share) -> {
            if (!share.isZero()) {
                credits.put(member, share);
            }
        });
        return credits;
    }

    /** Split percentages by member (a member named twice gets the sum); the owner's 100 without splits. */
    private static Map<String, BigDecimal> percents(DealSnapshot deal) {
        Map<String, BigDecimal> percents = new LinkedHashMap<>();
        if (deal.splits().isEmpty()) {
            if (deal.ownerId() == null || deal.ownerId().isBlank()) {
                throw new IllegalArgumentException("booked deal " + deal.id() + " has neither splits nor an owner");
            }
            percents.put(deal.ownerId(), WHOLE);
            return percents;
        }
        for (CreditSplit split : deal.splits()) {
            if (split == null || split.memberId() == null || split.memberId().isBlank() || split.percent() == null) {
                throw new IllegalArgumentException("deal " + deal.id() + " has an incomplete credit split");
            }
            percents.merge(split.memberId(), split.percent(), BigDecimal::add);
        }
        return percents;
    }
}
