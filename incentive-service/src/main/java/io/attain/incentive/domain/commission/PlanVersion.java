package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One version of a commission plan, as the engine applies it. Immutable and validated on construction:
 * a version that exists can be applied.
 *
 * @param currency     every amount of the plan, and every commission line, is in this ISO-4217 currency
 * @param rounding     how each commission line is brought to the currency's minor unit (default HALF_UP, 四舍五入)
 * @param gatePercent  no attainment-based commission below this attainment; {@code null} for no gate
 * @param cap          {@code null} for no cap
 * @param multipliers  applied in this order, each to the credit as already multiplied by the earlier ones
 * @param teamBonus    {@code null} when the plan pays no team bonus
 * @param managerOverride {@code null} when the plan pays no override
 */
public record PlanVersion(String planId, int version, String currency, RoundingMode rounding, CommissionBasis basis,
                          AttainmentRateTable rateTable, BigDecimal gatePercent, Cap cap, List<Multiplier> multipliers,
                          List<Spiff> spiffs, TeamBonus teamBonus, ManagerOverride managerOverride) {

    /** The most multipliers, and the most SPIFFs, one plan version takes. */
    public static final int MAX_RULES = 64;

    public PlanVersion {
        if (planId == null || planId.isBlank()) {
            throw new InvalidPlanException("a plan version needs a plan id");
        }
        String name = "plan " + planId + " v" + version;
        if (version < 1) {
            throw new InvalidPlanException(name + ": versions start at 1");
        }
        if (!Money.isKnownCurrency(currency)) {
            throw new InvalidPlanException(name + ": '" + currency + "' is not an ISO-4217 currency");
        }
        if (rounding == null) {
            rounding = RoundingMode.HALF_UP;
        }
        if (rounding == RoundingMode.UNNECESSARY) {
            throw new InvalidPlanException(name + ": rounding UNNECESSARY cannot round a commission line; use e.g. HALF_UP");
        }
        if (basis == null) {
            basis = CommissionBasis.BOOKED;
        }
        if (rateTable == null) {
            throw new InvalidPlanException(name + ": a plan needs an attainment rate table");
        }
        if (gatePercent != null && gatePercent.signum() < 0) {
            throw new InvalidPlanException(name + ": the gate must be 0% or more, was " + gatePercent);
        }
        if (cap instanceof Cap.OnPayout(Money maximum)) {
            requireCurrency(name, "payout cap", maximum, currency);
        }
        if (cap instanceof Cap.OnAttainment(BigDecimal maximumPercent)
                && gatePercent != null && maximumPercent.compareTo(gatePercent) < 0) {
            throw new InvalidPlanException(name + ": the attainment cap " + Figures.percent(maximumPercent)
                    + " lies below the gate " + Figures.percent(gatePercent) + ", so nothing could ever be paid");
        }
        multipliers = multipliers == null ? List.of() : List.copyOf(multipliers);
        if (multipliers.size() > MAX_RULES) {
            throw new InvalidPlanException(name + ": " + multipliers.size() + " multipliers; a plan takes at most " + MAX_RULES);
        }
        Set<String> multiplierKeys = new HashSet<>();
        for (Multiplier multiplier : multipliers) {
            if (!multiplierKeys.add(multiplier.key())) {
                throw new InvalidPlanException(name + ": two multipliers for " + multiplier.key() + " overlap; give each one factor");
            }
        }
        spiffs = spiffs == null ? List.of() : List.copyOf(spiffs);
        if (spiffs.size() > MAX_RULES) {
            throw new InvalidPlanException(name + ": " + spiffs.size() + " SPIFFs; a plan takes at most " + MAX_RULES);
        }
        Set<String> spiffIds = new HashSet<>();
        for (Spiff spiff : spiffs) {
            if (!spiffIds.add(spiff.spiffId())) {
                throw new InvalidPlanException(name + ": two SPIFFs share the id " + spiff.spiffId());
            }
            if (spiff.fixedPerDeal() != null) {
                requireCurrency(name, "SPIFF " + spiff.spiffId(), spiff.fixedPerDeal(), currency);
            }
        }
        if (teamBonus != null) {
            requireCurrency(name, "fixed team bonus", teamBonus.fixedPerMember(), currency);
        }
    }

    public static Builder builder(String planId, int version, String currency, AttainmentRateTable rateTable) {
        return new Builder(planId, version, currency, rateTable);
    }

    private static void requireCurrency(String plan, String what, Money amount, String currency) {
        if (!amount.currency().equals(currency)) {
            throw new InvalidPlanException(plan + ": the " + what + " is in " + amount.currency() + ", the plan pays in " + currency);
        }
    }

    /** Builds a plan version; everything but id, version, currency and rate table is optional. */
    public static final class Builder {
        private final String planId;
        private final int version;
        private final String currency;
        private final AttainmentRateTable rateTable;
        private RoundingMode rounding = RoundingMode.HALF_UP;
        private CommissionBasis basis = CommissionBasis.BOOKED;
        private BigDecimal gatePercent;
        private Cap cap;
        private final List<Multiplier> multipliers = new ArrayList<>();
        private final List<Spiff> spiffs = new ArrayList<>();
        private TeamBonus teamBonus;
        private ManagerOverride managerOverride;

        private Builder(String planId, int version, String currency, AttainmentRateTable rateTable) {
            this.planId = planId;
            this.version = version;
            this.currency = currency;
            this.rateTable = rateTable;
        }

        public Builder rounding(RoundingMode rounding) {
            this.rounding = Objects.requireNonNull(rounding, "rounding");
            return this;
        }

        public Builder basis(CommissionBasis basis) {
            this.basis = Objects.requireNonNull(basis, "basis");
            return this;
        }

        public Builder gate(String percent) {
            this.gatePercent = new BigDecimal(percent);
            return this;
        }

        public Builder cap(Cap cap) {
            this.cap = cap;
            return this;
        }

        public Builder multiplier(Multiplier multiplier) {
            multipliers.add(multiplier);
            return this;
        }

        public Builder spiff(Spiff spiff) {
            spiffs.add(spiff);
            return this;
        }

        public Builder teamBonus(TeamBonus teamBonus) {
            this.teamBonus = teamBonus;
            return this;
        }

        public Builder managerOverride(ManagerOverride managerOverride) {
            this.managerOverride = managerOverride;
            return this;
        }

        public PlanVersion build() {
            return new PlanVersion(planId, version, currency, rounding, basis, rateTable, gatePercent, cap, multipliers,
                    spiffs, teamBonus, managerOverride);
        }
    }
}
