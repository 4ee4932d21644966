package io.attain.incentive.domain.commission;

import io.attain.events.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import static io.attain.incentive.domain.commission.SeedPlans.Q1;
import static io.attain.incentive.domain.commission.SeedPlans.QUARTERLY_QUOTA;
import static io.attain.incentive.domain.commission.SeedPlans.booked;
import static io.attain.incentive.domain.commission.SeedPlans.cny;
import static io.attain.incentive.domain.commission.SeedPlans.day;
import static io.attain.incentive.domain.commission.SeedPlans.seedPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Each plan component on its own, with the seed tiers (80% → 1%, 100% → 1.5%, 120% → 2%, gate 80%) and a 1,000,000 CNY quota. */
class CommissionEngineTest {

    private static final String REP = "rep-wang";
    private static final LocalDate FEB_10 = day("2025-02-10");

    private static CommissionStatement statementOf(PlanVersion plan, Credit... credits) {
        CommissionInput input = CommissionInput.builder(plan, Q1).quota(REP, QUARTERLY_QUOTA).credits(List.of(credits)).build();
        return CommissionEngine.calculate(input).statement(REP).orElseThrow();
    }

    // ---------------------------------------------------------------- multipliers

    @Test
    void aProductLineMultiplierPaysMoreOnMatchingCreditWithoutChangingAttainment() {
        PlanVersion plan = seedPlan(RateMode.RETROACTIVE).multiplier(Multiplier.productLine("B", "1.5")).build();

        CommissionStatement statement = statementOf(plan,
                booked("a", REP, "800000.00", FEB_10).withProductLine("A"),
                booked("b", REP, "300000.00", FEB_10).withProductLine("B"));

        assertThat(statement.attainmentPercent()).isEqualByComparingTo("110.00");
        assertThat(statement.lines()).extracting(CommissionLine::component, CommissionLine::amount).containsExactly(
                tuple(CommissionComponent.TIER, cny("16500.00")),
                tuple(CommissionComponent.MULTIPLIER, cny("2250.00")));
        assertThat(statement.lines(CommissionComponent.MULTIPLIER).getFirst().explanation()).isEqualTo(
                "×1.5 for product line B: 150,000.00 CNY of extra credit on 300,000.00 CNY of matching credit, at 1.5%");
        assertThat(statement.total()).isEqualTo(cny("18750.00"));
    }

    @Test
    void multipliersApplyInPlanOrderEachToTheCreditAsAlreadyMultiplied() {
        PlanVersion plan = seedPlan(RateMode.RETROACTIVE)
                .multiplier(Multiplier.productLine("B", "1.5"))
                .multiplier(Multiplier.newCustomer("1.2"))
                .build();

        CommissionStatement statement = statementOf(plan,
                booked("a", REP, "900000.00", FEB_10).withProductLine("A"),
                booked("b", REP, "100000.00", FEB_10).withProductLine("B").withNewCustomer(true));

        // 100,000 × 1.5 × 1.2 = 180,000: 50,000 extra for product B, then 30,000 (20% of 150,000) for the new customer
        assertThat(statement.lines(CommissionComponent.MULTIPLIER)).extracting(CommissionLine::basis, CommissionLine::amount)
                .containsExactly(tuple(cny("50000.00"), cny("750.00")), tuple(cny("30000.00"), cny("450.00")));
        assertThat(statement.lines(CommissionComponent.MULTIPLIER).getLast().explanation()).isEqualTo(
                "×1.2 for new customers: 30,000.00 CNY of extra credit on 100,000.00 CNY of matching credit "
                        + "(counted as 150,000.00 CNY after the multipliers before it), at 1.5%");
        assertThat(statement.total()).isEqualTo(cny("16200.00"));
    }

    @Test
    void inMarginalModeAMultiplierPaysAtTheEffectiveRate() {
        PlanVersion plan = seedPlan(RateMode.MARGINAL).multiplier(Multiplier.channel("渠道", "2")).build();

        CommissionStatement statement = statementOf(plan,
                booked("a", REP, "1000000.00", FEB_10).withChannel("直销"),
                booked("b", REP, "100000.00", FEB_10).withChannel("渠道"));

        // tiers pay 3,500.00 on 1,100,000 (effective 0.3182%); the channel doubles the 100,000: 100,000 × 3,500 / 1,100,000
        CommissionLine multiplier = statement.lines(CommissionComponent.MULTIPLIER).getFirst();
        assertThat(multiplier.amount()).isEqualTo(cny("318.18"));
        assertThat(multiplier.ratePercent()).isEqualByComparingTo("0.3182");
        assertThat(multiplier.explanation()).endsWith("at the effective rate 0.3182% (tier commission ÷ credit)");
        assertThat(statement.total()).isEqualTo(cny("3818.18"));
    }

    // ---------------------------------------------------------------- gate and caps

    @Test
    void theGateTakesBackTierAndMultiplierCommissionBelowIt() {
        AttainmentRateTable fromHalf = AttainmentRateTable.of(RateMode.RETROACTIVE, AttainmentTier.of("50", "0.5"), AttainmentTier.of("100", "1"));
        PlanVersion plan = PlanVersion.builder("gated", 1, "CNY", fromHalf).gate("80").multiplier(Multiplier.productLine("B", "2")).build();

        CommissionStatement statement = statementOf(plan, booked("b", REP, "700000.00", FEB_10).withProductLine("B"));

        assertThat(statement.lines()).extracting(CommissionLine::component, CommissionLine::amount).containsExactly(
                tuple(CommissionComponent.TIER, cny("3500.00")),
                tuple(CommissionComponent.MULTIPLIER, cny("3500.00")),
                tuple(CommissionComponent.GATE, cny("-7000.00")));
        assertThat(statement.lines(CommissionComponent.GATE).getFirst().explanation())
                .isEqualTo("no commission below the 80% gate: attainment 70.00%; takes back 7,000.00 CNY of tier and multiplier commission");
        assertThat(statement.total()).isEqualTo(cny("0.00"));
        assertThat(statement.creditCommissions()).isEmpty();
    }

    @Test
    void exactlyAtTheGateCommissionIsPaid() {
        assertThat(statementOf(seedPlan(RateMode.RETROACTIVE).build(), booked("a", REP, "800000.00", FEB_10)).total())
                .isEqualTo(cny("8000.00"));
    }

    @Test
    void aPayoutCapCutsTierAndMultiplierCommissionToTheMaximum() {
        PlanVersion plan = seedPlan(RateMode.RETROACTIVE).cap(new Cap.OnPayout(cny("20000.00"))).build();

        CommissionStatement statement = statementOf(plan, booked("a", REP, "1250000.00", FEB_10));

        assertThat(statement.lines()).extracting(CommissionLine::component, CommissionLine::amount).containsExactly(
                tuple(CommissionComponent.TIER, cny("25000.00")),
                tuple(CommissionComponent.CAP, cny("-5000.00")));
        assertThat(statement.lines(CommissionComponent.CAP).getFirst().explanation())
                .isEqualTo("commission capped at 20,000.00 CNY per window (tier and multiplier lines earned 25,000.00 CNY)");
        assertThat(statement.total()).isEqualTo(cny("20000.00"));
    }

    @Test
    void anAttainmentCapCountsCreditOnlyUpToTheCap() {
        PlanVersion retroactive = seedPlan(RateMode.RETROACTIVE).cap(new Cap.OnAttainment(new BigDecimal("150"))).build();
        PlanVersion marginal = seedPlan(RateMode.MARGINAL).cap(new Cap.OnAttainment(new BigDecimal("150"))).build();
        Credit big = booked("a", REP, "1750000.00", FEB_10);

        // RETROACTIVE: 2% on the 1,500,000 counted = 30,000 (35,000 uncapped)
        CommissionStatement capped = statementOf(retroactive, big);
        assertThat(capped.total(CommissionComponent.CAP)).isEqualTo(cny("-5000.00"));
        assertThat(capped.total()).isEqualTo(cny("30000.00"));
        assertThat(capped.lines(CommissionComponent.CAP).getFirst().explanation()).isEqualTo("attainment counts up to 150% of quota: the "
                + "250,000.00 CNY credited above 1,500,000.00 CNY earns nothing (tier and multiplier commission 35,000.00 CNY → 30,000.00 CNY)");

        // MARGINAL: 2,000 + 3,000 + 300,000 × 2% = 11,000 (16,000 uncapped)
        assertThat(statementOf(marginal, big).total()).isEqualTo(cny("11000.00"));
        // under the cap nothing changes
        assertThat(statementOf(retroactive, booked("a", REP, "1400000.00", FEB_10)).lines(CommissionComponent.CAP)).isEmpty();
    }

    // ---------------------------------------------------------------- SPIFFs

    @Test
    void aPercentageSpiffPaysOnMatchingCreditInsideItsDatesWhateverTheAttainment() {
        Spiff marchB = Spiff.percentage("b-march", "product B in March", day("2025-03-01"), day("2025-03-31"),
                DealCriteria.productLine("B"), "2");
        PlanVersion plan = seedPlan(RateMode.RETROACTIVE).spiff(marchB).build();

        CommissionStatement statement = statementOf(plan,
                booked("feb-b", REP, "100000.00", FEB_10).withProductLine("B"),
                booked("mar-b", REP, "200000.00", day("2025-03-31")).withProductLine("B"),
                booked("mar-a", REP, "50000.00", day("2025-03-05")).withProductLine("A"));

        // 350,000 is below the gate: the tier pays nothing, the SPIFF still pays 2% of 200,000
        assertThat(statement.total(CommissionComponent.SPIFF)).isEqualTo(cny("4000.00"));
        assertThat(statement.lines(CommissionComponent.SPIFF).getFirst().explanation())
                .isEqualTo("SPIFF product B in March: 2% on 200,000.00 CNY of credit on product line B counted from 2025-03-01 to 2025-03-31");
        assertThat(statement.total()).isEqualTo(cny("4000.00"));
        assertThat(statement.creditCommissions()).singleElement().satisfies(paid -> {
            assertThat(paid.creditId()).isEqualTo("mar-b");
            assertThat(paid.amount()).isEqualTo(cny("4000.00"));
        });
    }

    @Test
    void aFixedSpiffPaysPerMatchingDealBooked() {
        Spiff newLogos = Spiff.fixed("new-logos", "new logos", day("2025-01-01"), day("2025-02-28"), new DealCriteria(null, null, true),
                cny("500.00"));
        PlanVersion plan = seedPlan(RateMode.RETROACTIVE).spiff(newLogos).build();

        CommissionStatement statement = statementOf(plan,
                booked("n1", REP, "10000.00", day("2025-01-15")).withNewCustomer(true),
                booked("n2", REP, "10000.00", day("2025-02-28")).withNewCustomer(true),
                booked("n3", REP, "10000.00", day("2025-03-01")).withNewCustomer(true),
                booked("e1", REP, "10000.00", day("2025-01-15")));

        assertThat(statement.lines(CommissionComponent.SPIFF)).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(cny("1000.00"));
            assertThat(line.explanation()).isEqualTo("SPIFF new logos: 500.00 CNY for each of 2 deals on new customers booked from 2025-01-01 to 2025-02-28");
        });
    }

    // ---------------------------------------------------------------- teams and override

    @Test
    void aTeamBelowTargetPaysNoTeamBonusAndSaysSo() {
        PlanVersion plan = seedPlan(RateMode.RETROACTIVE).teamBonus(new TeamBonus(cny("12000.00"), BigDecimal.TEN)).build();
        CommissionInput input = CommissionInput.builder(plan, Q1).quota(REP, QUARTERLY_QUOTA)
                .team(new Team("west", cny("2000000.00"), List.of(REP), null))
                .credit(booked("a", REP, "1900000.00", FEB_10)).build();

        CommissionStatement statement = CommissionEngine.calculate(input).statement(REP).orElseThrow();

        assertThat(statement.lines(CommissionComponent.TEAM_BONUS)).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(cny("0.00"));
            assertThat(line.explanation())
                    .isEqualTo("team west reached only 95.00% of its 2,000,000.00 CNY target (credited 1,900,000.00 CNY): no team bonus");
        });
        assertThat(statement.lines(CommissionComponent.TEAM_POOL)).isEmpty();
    }

    @Test
    void aManagerEarnsTheOverrideOnTheTeamsCommissionAndItIsAttributedToTheCredits() {
        PlanVersion plan = seedPlan(RateMode.RETROACTIVE).managerOverride(new ManagerOverride(new BigDecimal("2"))).build();
        CommissionInput input = CommissionInput.builder(plan, Q1)
                .quota("rep-a", QUARTERLY_QUOTA).quota("rep-b", QUARTERLY_QUOTA)
                .team(new Team("east", cny("2000000.00"), List.of("rep-a", "rep-b"), "mgr-zhao"))
                .credit(booked("a1", "rep-a", "600000.00", FEB_10)).credit(booked("a2", "rep-a", "500000.00", FEB_10))
                .credit(booked("b1", "rep-b", "850000.00", FEB_10))
                .build();

        CommissionResult result = CommissionEngine.calculate(input);

        // rep-a 16,500.00, rep-b 8,500.00: 2% of 25,000.00 = 500.00
        CommissionStatement manager = result.statement("mgr-zhao").orElseThrow();
        assertThat(manager.quota()).isNull();
        assertThat(manager.lines()).singleElement().satisfies(line -> {
            assertThat(line.component()).isEqualTo(CommissionComponent.OVERRIDE);
            assertThat(line.amount()).isEqualTo(cny("500.00"));
            assertThat(line.explanation()).isEqualTo("2% override on 25,000.00 CNY of commission earned by the 2 members of team east");
        });
        assertThat(manager.creditCommissions()).extracting(CreditCommission::creditId, CreditCommission::amount)
                .containsExactlyInAnyOrder(tuple("a1", cny("180.00")), tuple("a2", cny("150.00")), tuple("b1", cny("170.00")));
    }

    // ---------------------------------------------------------------- currencies and rounding

    @Test
    void creditsInAnotherCurrencyConvertAtTheRateInEffectOnTheirDay() {
        ExchangeRates rates = ExchangeRates.of(
                ExchangeRate.of("USD", "CNY", day("2025-01-01"), "7.10"),
                ExchangeRate.of("USD", "CNY", day("2025-02-01"), "7.20"));
        CommissionInput input = CommissionInput.builder(seedPlan(RateMode.RETROACTIVE).build(), Q1).quota(REP, QUARTERLY_QUOTA)
                .exchangeRates(rates)
                .credit(Credit.booked("jan", "d-1", REP, Money.of("100000.00", "USD"), day("2025-01-31")))
                .credit(Credit.booked("feb", "d-2", REP, Money.of("50000.00", "USD"), day("2025-02-01")))
                .build();

        CommissionStatement statement = CommissionEngine.calculate(input).statement(REP).orElseThrow();

        // 710,000 + 360,000 = 1,070,000 CNY → 107.00% → 1.5%
        assertThat(statement.lines(CommissionComponent.TIER).getFirst().basis()).isEqualTo(cny("1070000.00"));
        assertThat(statement.total()).isEqualTo(cny("16050.00"));
    }

    @Test
    void aCreditWithoutARateOnItsDayIsRefused() {
        ExchangeRates rates = ExchangeRates.of(ExchangeRate.of("USD", "CNY", day("2025-02-01"), "7.20"));
        CommissionInput input = CommissionInput.builder(seedPlan(RateMode.RETROACTIVE).build(), Q1).quota(REP, QUARTERLY_QUOTA)
                .exchangeRates(rates)
                .credit(Credit.booked("jan", "d-1", REP, Money.of("100000.00", "USD"), day("2025-01-31")))
                .build();

        assertThatThrownBy(() -> CommissionEngine.calculate(input))
                .isInstanceOf(MissingExchangeRateException.class)
                .hasMessage("no USD→CNY exchange rate in effect on 2025-01-31 (the earliest USD→CNY rate takes effect on 2025-02-01)");
        assertThatThrownBy(() -> ExchangeRates.none().rate("EUR", "CNY", FEB_10))
                .isInstanceOf(MissingExchangeRateException.class)
                .hasMessage("no EUR→CNY exchange rate in effect on 2025-02-10 (no EUR→CNY rate is given at all)");
    }

    @Test
    void twoDifferentRatesForOnePairAndDayAreRefused() {
        assertThatThrownBy(() -> ExchangeRates.of(ExchangeRate.of("USD", "CNY", FEB_10, "7.2"), ExchangeRate.of("USD", "CNY", FEB_10, "7.3")))
                .isInstanceOf(InvalidCommissionInputException.class)
                .hasMessage("two USD→CNY rates take effect on 2025-02-10: 7.2 and 7.3");
    }

    @Test
    void eachLineIsRoundedWithThePlansRoundingMode() {
        Credit credit = booked("a", REP, "850000.50", FEB_10);

        // 1% of 850,000.50 = 8,500.005
        assertThat(statementOf(seedPlan(RateMode.RETROACTIVE).build(), credit).total()).isEqualTo(cny("8500.01"));
        assertThat(statementOf(seedPlan(RateMode.RETROACTIVE).rounding(RoundingMode.HALF_EVEN).build(), credit).total()).isEqualTo(cny("8500.00"));
        assertThat(statementOf(seedPlan(RateMode.RETROACTIVE).rounding(RoundingMode.DOWN).build(), credit).total()).isEqualTo(cny("8500.00"));
    }

    @Test
    void aCurrencyWithoutMinorUnitsRoundsToWholeUnits() {
        PlanVersion yen = PlanVersion.builder("jp", 1, "JPY", SeedPlans.SEED_TIERS_RETROACTIVE).build();
        CommissionInput input = CommissionInput.builder(yen, Q1).quota(REP, Money.of("10000000", "JPY"))
                .credit(Credit.booked("a", "d-1", REP, Money.of("11111111", "JPY"), FEB_10)).build();

        // 1.5% of 11,111,111 = 166,666.665
        assertThat(CommissionEngine.calculate(input).statement(REP).orElseThrow().total()).isEqualTo(Money.of("166667", "JPY"));
    }

    // ---------------------------------------------------------------- what counts

    @Test
    void onlyCreditsBookedInsideTheWindowCount() {
        CommissionStatement statement = statementOf(seedPlan(RateMode.RETROACTIVE).build(),
                booked("dec", REP, "500000.00", day("2024-12-31")),
                booked("jan", REP, "850000.00", day("2025-01-01")),
                booked("apr", REP, "500000.00", day("2025-04-01")));

        assertThat(statement.total()).isEqualTo(cny("8500.00"));
    }

    @Test
    void theSameCreditHandedInTwiceCountsOnce() {
        Credit credit = booked("a", REP, "850000.00", FEB_10);

        assertThat(statementOf(seedPlan(RateMode.RETROACTIVE).build(), credit, credit)).isEqualTo(
                statementOf(seedPlan(RateMode.RETROACTIVE).build(), credit));
    }

    @Test
    void twoDifferentCreditsUnderOneIdAreRefused() {
        assertThatThrownBy(() -> statementOf(seedPlan(RateMode.RETROACTIVE).build(),
                booked("a", REP, "850000.00", FEB_10), booked("a", REP, "950000.00", FEB_10)))
                .isInstanceOf(InvalidCommissionInputException.class)
                .hasMessage("two different credits share the id a (deal deal-a, 850000.00 CNY; deal deal-a, 950000.00 CNY)");
    }

    @Test
    void aCreditForSomeoneOutsideTheCalculationIsRefused() {
        assertThatThrownBy(() -> statementOf(seedPlan(RateMode.RETROACTIVE).build(), booked("a", "rep-nobody", "1.00", FEB_10)))
                .isInstanceOf(InvalidCommissionInputException.class)
                .hasMessage("credit a is for member rep-nobody, who has neither a quota nor a team in this calculation");
    }

    @Test
    void badInputIsRefusedWithAPreciseMessage() {
        assertThatThrownBy(() -> booked("a", REP, "0.00", FEB_10))
                .isInstanceOf(InvalidCommissionInputException.class).hasMessage("credit a must be above zero, was 0.00 CNY");
        assertThatThrownBy(() -> booked("a", REP, "1.005", FEB_10))
                .isInstanceOf(InvalidCommissionInputException.class).hasMessage("credit a is 1.005 CNY, more decimals than CNY has");
        assertThatThrownBy(() -> booked("a", REP, "100.00", FEB_10).withPayments(List.of(
                new Payment("p1", FEB_10, cny("60.00")), new Payment("p2", FEB_10, cny("60.00")))))
                .isInstanceOf(InvalidCommissionInputException.class)
                .hasMessage("payments on credit a add up to 120.00 CNY, more than the credited 100.00 CNY");
        assertThatThrownBy(() -> CommissionEngine.calculate(
                CommissionInput.builder(seedPlan(RateMode.RETROACTIVE).build(), Q1).quota(REP, cny("0.00")).build()))
                .isInstanceOf(InvalidCommissionInputException.class).hasMessage("the quota of member rep-wang must be above zero, was 0.00 CNY");
        assertThatThrownBy(() -> new CommissionPeriod("Q", day("2025-03-31"), day("2025-01-01")))
                .isInstanceOf(InvalidCommissionInputException.class)
                .hasMessage("window Q must run from a date to the same or a later date, got 2025-03-31 to 2025-01-01");
    }
}
