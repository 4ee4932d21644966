package io.attain.incentive.domain;

import io.attain.events.CreditSplit;
import io.attain.events.DealSnapshot;
import io.attain.events.Money;
import io.attain.incentive.domain.CreditRule.ActiveCredit;
import io.attain.incentive.domain.CreditRule.Posting;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.attain.incentive.Deals.deal;
import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the credit maths: shares add up to the whole, and the ledger follows any deal history. */
class CreditPropertyTest {

    private static final UUID DEAL = UUID.fromString("3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9");
    private static final List<String> MEMBERS = List.of("m1", "m2", "m3", "m4", "m5");

    @Property
    void sharesAddUpExactlyAndMissTheirExactValueByLessThanOneMinorUnit(
            @ForAll("totals") Money total, @ForAll("percents") Map<String, BigDecimal> percents) {
        Map<String, Money> shares = SplitAllocation.allocate(total, percents);

        BigDecimal minorUnit = BigDecimal.ONE.movePointLeft(Money.minorUnits(total.currency()));
        Money sum = Money.zero(total.currency());
        for (Map.Entry<String, Money> share : shares.entrySet()) {
            sum = sum.plus(share.getValue());
            BigDecimal exact = total.amount().multiply(percents.get(share.getKey())).movePointLeft(2);
            assertThat(share.getValue().amount().subtract(exact).abs()).isLessThan(minorUnit);
            assertThat(share.getValue().amount().scale()).isEqualTo(Money.minorUnits(total.currency()));
        }
        assertThat(sum).isEqualTo(total);
        assertThat(shares.keySet()).containsExactlyElementsOf(percents.keySet());
    }

    /**
     * Whatever the deal goes through, after each snapshot the member's net credit is what the deal credits
     * them, the credits of a booked deal add up to its amount, and the same snapshot again appends nothing.
     */
    @Property
    void theLedgerFollowsEveryDealHistory(@ForAll("histories") @Size(min = 1, max = 8) List<DealSnapshot> history) {
        Ledger ledger = new Ledger();
        for (DealSnapshot deal : history) {
            ledger.append(CreditRule.postings(deal, ledger.active()));

            Map<String, Money> due = CreditRule.credits(deal);
            assertThat(ledger.netByMember()).isEqualTo(due);
            if (deal.isBooked()) {
                Money booked = deal.amount().rounded(RoundingMode.HALF_UP);
                assertThat(due.values().stream().reduce(Money.zero(booked.currency()), Money::plus)).isEqualTo(booked);
            }
            assertThat(CreditRule.postings(deal, ledger.active())).isEmpty();
        }
    }

    @Provide
    Arbitrary<Money> totals() {
        return Combinators.combine(Arbitraries.longs().between(0, 100_000_000_000L), Arbitraries.of("CNY", "JPY", "KWD"))
                .as((units, currency) -> Money.of(BigDecimal.valueOf(units, Money.minorUnits(currency)), currency));
    }

    @Provide
    Arbitrary<Map<String, BigDecimal>> percents() {
        return Arbitraries.integers().between(1, MEMBERS.size()).flatMap(count ->
                Arbitraries.integers().between(1, 1_000_000).list().ofSize(count).map(weights -> {
                    // Percentages with four decimals that add up to exactly 100: the last takes the rest.
                    long sum = weights.stream().mapToLong(Integer::longValue).sum();
                    Map<String, BigDecimal> percents = new LinkedHashMap<>();
                    BigDecimal left = BigDecimal.valueOf(100);
                    for (int i = 0; i < count - 1; i++) {
                        BigDecimal percent = BigDecimal.valueOf(weights.get(i) * 1_000_000L / sum, 4);
                        if (percent.signum() == 0 || left.subtract(percent).signum() <= 0) {
                            continue;
                        }
                        percents.put(MEMBERS.get(i), percent);
                        left = left.subtract(percent);
                    }
                    percents.put(MEMBERS.get(count - 1), left);
                    return percents;
                }));
    }

    @Provide
    Arbitrary<List<DealSnapshot>> histories() {
        Arbitrary<String> stages = Arbitraries.of("NEGOTIATION", "WON", "WON", "COLLECTED", "LOST");
        Arbitrary<String> amounts = Arbitraries.longs().between(0, 10_000_000L).map(cents -> BigDecimal.valueOf(cents, 2).toPlainString());
        Arbitrary<String> owners = Arbitraries.of(MEMBERS);
        Arbitrary<Map<String, BigDecimal>> splits = Arbitraries.oneOf(Arbitraries.<Map<String, BigDecimal>>just(Map.of()), percents());
        Arbitrary<DealSnapshot> snapshots = Combinators.combine(stages, amounts, owners, splits)
                .as((stage, amount, owner, split) -> deal(DEAL, 1, stage, owner, amount,
                        split.entrySet().stream().map(e -> new CreditSplit(e.getKey(), e.getValue()))
                                .toArray(CreditSplit[]::new)));
        return snapshots.list();
    }

    /** An in-memory ledger with the same append-only semantics as the credit_entry table. */
    private static final class Ledger {
        private final List<Posting> entries = new ArrayList<>();
        private final List<UUID> ids = new ArrayList<>();

        void append(List<Posting> postings) {
            Set<UUID> reversed = reversed();
            for (Posting posting : postings) {
                if (posting.kind() == CreditKind.REVERSAL) {
                    assertThat(reversed.add(posting.reversesEntryId())).as("an entry is reversed once").isTrue();
                    assertThat(ids).contains(posting.reversesEntryId());
                }
                assertThat(posting.amount().isZero()).isFalse();
                entries.add(posting);
                ids.add(UUID.randomUUID());
            }
        }

        List<ActiveCredit> active() {
            Set<UUID> reversed = reversed();
            List<ActiveCredit> active = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Posting entry = entries.get(i);
                if (entry.kind() == CreditKind.CREDIT && !reversed.contains(ids.get(i))) {
                    active.add(new ActiveCredit(ids.get(i), entry.memberId(), entry.amount()));
                }
            }
            return active;
        }

        Map<String, Money> netByMember() {
            Map<String, Money> net = new HashMap<>();
            for (Posting entry : entries) {
                net.merge(entry.memberId(), entry.amount(), Money::plus);
            }
            net.values().removeIf(Money::isZero);
            return net;
        }

        private Set<UUID> reversed() {
            Set<UUID> reversed = new HashSet<>();
            entries.forEach(entry -> {
                if (entry.reversesEntryId() != null) {
                    reversed.add(entry.reversesEntryId());
                }
            });
            return reversed;
        }
    }
}
