package io.attain.incentive.domain;

import io.attain.events.CreditSplit;
import io.attain.events.DealSnapshot;
import io.attain.events.Money;
import io.attain.incentive.domain.CreditRule.ActiveCredit;
import io.attain.incentive.domain.CreditRule.Posting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.attain.incentive.Deals.deal;
import static io.attain.incentive.Deals.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CreditRuleTest {

    private static final UUID DEAL = UUID.fromString("3f2a1b0c-9d8e-4f7a-b6c5-d4e3f2a1b0c9");
    private static final String OWNER = "owner";
    private static final String PARTNER = "partner";
    private static final String THIRD = "third";
    private static final UUID E1 = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    private static final UUID E2 = UUID.fromString("00000000-0000-0000-0000-0000000000e2");
    private static final UUID E3 = UUID.fromString("00000000-0000-0000-0000-0000000000e3");

    static Stream<Arguments> ledgerChanges() {
        return Stream.of(
                arguments("first win credits the owner in full",
                        won("1100000.00"), List.of(),
                        List.of(credit(OWNER, "1100000.00"))),
                arguments("first win with a 70/30 split",
                        won("1100000.00", split(OWNER, "70"), split(PARTNER, "30")), List.of(),
                        List.of(credit(OWNER, "770000.00"), credit(PARTNER, "330000.00"))),
                arguments("a deal that is not booked credits nobody",
                        deal(DEAL, 3, "NEGOTIATION", OWNER, "500.00"), List.of(),
                        List.of()),
                arguments("the same snapshot again appends nothing",
                        won("1100000.00"), List.of(active(E1, OWNER, "1100000.00")),
                        List.of()),
                arguments("the same split snapshot again appends nothing",
                        won("100.00", split(OWNER, "60"), split(PARTNER, "40")),
                        List.of(active(E1, OWNER, "60.00"), active(E2, PARTNER, "40.00")),
                        List.of()),
                arguments("COLLECTED keeps the credit of WON",
                        deal(DEAL, 9, "COLLECTED", OWNER, "100.00"), List.of(active(E1, OWNER, "100.00")),
                        List.of()),
                arguments("an amount change reverses and credits again",
                        won("1200000.00"), List.of(active(E1, OWNER, "1100000.00")),
                        List.of(reversal(E1, OWNER, "-1100000.00"), credit(OWNER, "1200000.00"))),
                arguments("an owner change moves the credit",
                        won("100.00"), List.of(active(E1, PARTNER, "100.00")),
                        List.of(reversal(E1, PARTNER, "-100.00"), credit(OWNER, "100.00"))),
                arguments("a split change touches only the members whose share changed",
                        won("100.00", split(OWNER, "60"), split(PARTNER, "40")),
                        List.of(active(E1, OWNER, "60.00"), active(E2, PARTNER, "30.00"), active(E3, THIRD, "10.00")),
                        List.of(reversal(E2, PARTNER, "-30.00"), reversal(E3, THIRD, "-10.00"),
                                credit(PARTNER, "40.00"))),
                arguments("a 60/40 split gives the odd cent to the larger remainder",
                        won("100.01", split(OWNER, "60"), split(PARTNER, "40")), List.of(),
                        List.of(credit(OWNER, "60.01"), credit(PARTNER, "40.00"))),
                arguments("33.33/33.33/33.34 of 100.00 is exact",
                        won("100.00", split(OWNER, "33.33"), split(PARTNER, "33.33"), split(THIRD, "33.34")), List.of(),
                        List.of(credit(OWNER, "33.33"), credit(PARTNER, "33.33"), credit(THIRD, "33.34"))),
                arguments("33.33/33.33/33.34 of 10.00 gives the missing cent to the largest remainder",
                        won("10.00", split(OWNER, "33.33"), split(PARTNER, "33.33"), split(THIRD, "33.34")), List.of(),
                        List.of(credit(OWNER, "3.33"), credit(PARTNER, "3.33"), credit(THIRD, "3.34"))),
                arguments("thirds of 100.00 sum exactly",
                        won("100.00", split(THIRD, "33.3333"), split(PARTNER, "33.3333"), split(OWNER, "33.3334")),
                        List.of(),
                        List.of(credit(THIRD, "33.33"), credit(PARTNER, "33.33"), credit(OWNER, "33.34"))),
                arguments("50/50 of 100.01 gives the odd cent to the smaller member id, whatever the split order",
                        won("100.01", split(PARTNER, "50"), split(OWNER, "50")), List.of(),
                        List.of(credit(PARTNER, "50.00"), credit(OWNER, "50.01"))),
                arguments("thirds of 1.00 sum exactly",
                        won("1.00", split(OWNER, "33.3333"), split(PARTNER, "33.3333"), split(THIRD, "33.3334")),
                        List.of(),
                        List.of(credit(OWNER, "0.33"), credit(PARTNER, "0.33"), credit(THIRD, "0.34"))),
                arguments("50/25/25 of 0.03 gives the two missing cents to the largest remainders",
                        won("0.03", split(OWNER, "50"), split(PARTNER, "25"), split(THIRD, "25")), List.of(),
                        List.of(credit(OWNER, "0.01"), credit(PARTNER, "0.01"), credit(THIRD, "0.01"))),
                arguments("a member whose share rounds to nothing gets no entry",
                        won("0.01", split(OWNER, "50"), split(PARTNER, "50")), List.of(),
                        List.of(credit(OWNER, "0.01"))),
                arguments("thirds of 1000 JPY are whole yen",
                        deal(DEAL, 5, "WON", OWNER, Money.of("1000", "JPY"),
                                split(OWNER, "33.33"), split(PARTNER, "33.33"), split(THIRD, "33.34")), List.of(),
                        List.of(new Posting(CreditKind.CREDIT, OWNER, Money.of("333", "JPY"), null),
                                new Posting(CreditKind.CREDIT, PARTNER, Money.of("333", "JPY"), null),
                                new Posting(CreditKind.CREDIT, THIRD, Money.of("334", "JPY"), null))),
                arguments("an amount finer than the currency is rounded half up once",
                        won("100.005"), List.of(),
                        List.of(credit(OWNER, "100.01"))),
                arguments("a member named twice gets the sum of their splits",
                        won("100.00", split(OWNER, "50"), split(OWNER, "50")), List.of(),
                        List.of(credit(OWNER, "100.00"))),
                arguments("lost after won reverses every credit",
                        deal(DEAL, 6, "LOST", OWNER, "100.00"),
                        List.of(active(E1, OWNER, "60.00"), active(E2, PARTNER, "40.00")),
                        List.of(reversal(E1, OWNER, "-60.00"), reversal(E2, PARTNER, "-40.00"))),
                arguments("reopened after won reverses the credit",
                        deal(DEAL, 6, "NEGOTIATION", OWNER, "100.00"), List.of(active(E1, OWNER, "100.00")),
                        List.of(reversal(E1, OWNER, "-100.00"))),
                arguments("won again after a reversal credits afresh",
                        won("100.00"), List.of(),
                        List.of(credit(OWNER, "100.00"))),
                arguments("a currency change reverses and credits in the new currency",
                        deal(DEAL, 5, "WON", OWNER, Money.of("100.00", "USD")), List.of(active(E1, OWNER, "100.00")),
                        List.of(reversal(E1, OWNER, "-100.00"),
                                new Posting(CreditKind.CREDIT, OWNER, Money.of("100.00", "USD"), null))),
                arguments("a won deal worth nothing credits nobody",
                        won("0.00"), List.of(active(E1, OWNER, "100.00")),
                        List.of(reversal(E1, OWNER, "-100.00"))),
                arguments("two active credits of one member are replaced by one",
                        won("100.00"), List.of(active(E1, OWNER, "60.00"), active(E2, OWNER, "40.00")),
                        List.of(reversal(E1, OWNER, "-60.00"), reversal(E2, OWNER, "-40.00"), credit(OWNER, "100.00"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ledgerChanges")
    void shouldAppendWhatBringsTheLedgerToTheDeal(String description, DealSnapshot deal, List<ActiveCredit> active,
                                                  List<Posting> expected) {
        assertThat(CreditRule.postings(deal, active)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> uncreditableDeals() {
        return Stream.of(
                arguments("splits adding up to 90", won("100.00", split(OWNER, "60"), split(PARTNER, "30")), "100"),
                arguments("splits adding up to 110", won("100.00", split(OWNER, "60"), split(PARTNER, "50")), "100"),
                arguments("a split without percent", won("100.00", new CreditSplit(OWNER, null)), "incomplete"),
                arguments("a split without member", won("100.00", split(" ", "100")), "incomplete"),
                arguments("a negative split", won("100.00", split(OWNER, "150"), split(PARTNER, "-50")), "above 0"),
                arguments("no owner and no splits", deal(DEAL, 5, "WON", null, "100.00"), "owner"),
                arguments("a negative amount", won("-5.00"), "negative"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uncreditableDeals")
    void shouldRefuseABookedDealThatCannotBeCredited(String description, DealSnapshot deal, String reason) {
        assertThatThrownBy(() -> CreditRule.postings(deal, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void shouldNotJudgeTheSplitsOfADealThatIsNotBooked() {
        DealSnapshot open = deal(DEAL, 2, "PROPOSAL", OWNER, "100.00", split(OWNER, "60"));

        assertThat(CreditRule.postings(open, List.of())).isEmpty();
    }

    @Test
    void shouldRefuseABookedDealWithoutAmount() {
        DealSnapshot valid = won("100.00");
        DealSnapshot noAmount = new DealSnapshot(valid.id(), valid.version(), valid.name(), null, OWNER, null,
                valid.productLine(), null, null, null, false, null, "WON", 100, "CLOSED", List.of(), null,
                valid.createdAt(), valid.wonAt(), valid.closedAt(), null);

        assertThatThrownBy(() -> CreditRule.postings(noAmount, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no amount");
    }

    private static DealSnapshot won(String amount, CreditSplit... splits) {
        return deal(DEAL, 5, "WON", OWNER, amount, splits);
    }

    private static ActiveCredit active(UUID id, String member, String amount) {
        return new ActiveCredit(id, member, Money.of(amount, "CNY"));
    }

    private static Posting credit(String member, String amount) {
        return new Posting(CreditKind.CREDIT, member, Money.of(amount, "CNY"), null);
    }

    private static Posting reversal(UUID reversed, String member, String amount) {
        return new Posting(CreditKind.REVERSAL, member, Money.of(amount, "CNY"), reversed);
    }
}
