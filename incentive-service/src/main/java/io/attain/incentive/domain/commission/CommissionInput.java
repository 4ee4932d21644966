package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one calculation looks at. The engine reads nothing else (no clock, no database), so the same
 * input always gives the same statements.
 *
 * <p>Contract on repeats: the ledgers handed in are expected to be de-duplicated already (the inbox sees to
 * that), and credit ids are unique across the ledger (they are its entry ids). The engine still tolerates
 * an at-least-once repeat: a credit, reversal, team, payout or rate given twice with the same id and the
 * same content counts once. The same id with different content is refused — for credits, when both count
 * for the same member in the window (looking across members would take a map of every id in the ledger).
 *
 * <p>Entries dated after the window's end are ignored, so the full ledger may be handed in for any window
 * and an earlier window recalculates exactly as it was, given the payouts made before it.
 *
 * @param quotas       member id → quota for the window; a member without a quota earns no attainment-based
 *                     commission (but may earn SPIFFs, team bonus and override)
 * @param credits      the credit ledger as it stands (any order)
 * @param reversals    credits and payments taken back
 * @param teams        teams for the team bonus and the manager override
 * @param priorPayouts statements already paid out, for the true-up and for clawbacks
 */
public record CommissionInput(PlanVersion plan, CommissionPeriod period, Map<String, Money> quotas, List<Credit> credits,
                              List<CreditReversal> reversals, List<Team> teams, List<PriorPayout> priorPayouts,
                              ExchangeRates exchangeRates) {

    public CommissionInput {
        if (plan == null || period == null) {
            throw new InvalidCommissionInputException("a calculation needs a plan version and a window");
        }
        quotas = quotas == null ? Map.of() : Map.copyOf(quotas);
        credits = credits == null ? List.of() : List.copyOf(credits);
        reversals = reversals == null ? List.of() : List.copyOf(reversals);
        teams = teams == null ? List.of() : List.copyOf(teams);
        priorPayouts = priorPayouts == null ? List.of() : List.copyOf(priorPayouts);
        exchangeRates = exchangeRates == null ? ExchangeRates.none() : exchangeRates;
    }

    public static Builder builder(PlanVersion plan, CommissionPeriod period) {
        return new Builder(plan, period);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(plan, period).exchangeRates(exchangeRates).credits(credits).reversals(reversals)
                .priorPayouts(priorPayouts);
        quotas.forEach(builder::quota);
        teams.forEach(builder::team);
        return builder;
    }

    public static final class Builder {
        private final PlanVersion plan;
        private final CommissionPeriod period;
        private final Map<String, Money> quotas = new LinkedHashMap<>();
        private final List<Credit> credits = new ArrayList<>();
        private final List<CreditReversal> reversals = new ArrayList<>();
        private final List<Team> teams = new ArrayList<>();
        private final List<PriorPayout> priorPayouts = new ArrayList<>();
        private ExchangeRates exchangeRates = ExchangeRates.none();

        private Builder(PlanVersion plan, CommissionPeriod period) {
            this.plan = plan;
            this.period = period;
        }

        public Builder quota(String memberId, Money quota) {
            if (quotas.putIfAbsent(Objects.requireNonNull(memberId, "memberId"), Objects.requireNonNull(quota, "quota")) != null) {
                throw new InvalidCommissionInputException("member " + memberId + " has two quotas");
            }
            return this;
        }

        public Builder credit(Credit credit) {
            credits.add(credit);
            return this;
        }

        public Builder credits(Collection<Credit> credits) {
            this.credits.addAll(credits);
            return this;
        }

        public Builder reversal(CreditReversal reversal) {
            reversals.add(reversal);
            return this;
        }

        public Builder reversals(Collection<CreditReversal> reversals) {
            this.reversals.addAll(reversals);
            return this;
        }

        public Builder team(Team team) {
            teams.add(team);
            return this;
        }

        public Builder priorPayout(PriorPayout payout) {
            priorPayouts.add(payout);
            return this;
        }

        public Builder priorPayouts(Collection<PriorPayout> payouts) {
            priorPayouts.addAll(payouts);
            return this;
        }

        public Builder exchangeRates(ExchangeRates exchangeRates) {
            this.exchangeRates = Objects.requireNonNull(exchangeRates, "exchangeRates");
            return this;
        }

        public CommissionInput build() {
            return new CommissionInput(plan, period, quotas, credits, reversals, teams, priorPayouts, exchangeRates);
        }
    }
}
