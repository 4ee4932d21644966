package io.attain.incentive.domain.commission;

/**
 * Calculates a window's commission statements from a plan version, quotas, the credit ledger, reversals,
 * teams, prior payouts and exchange rates ({@link CommissionInput}). Plain Java with no I/O and no clock:
 * the same input always gives the same statements, to the cent, whatever order the ledgers list their
 * entries in.
 *
 * <h2>Order of application, per member</h2>
 * <ol>
 *   <li><b>Counting.</b> A credit counts on its basis date — the booking day under {@code BOOKED}, each
 *       payment's day under {@code COLLECTED} — when that day lies in the window and the credit (or payment)
 *       was not reversed on or before the window's last day. An amount in another currency is converted
 *       with the rate in effect on that day and rounded to the plan currency's minor unit.</li>
 *   <li><b>Attainment</b> = counted credit ÷ quota (a quota in another currency is converted on the window's
 *       last day). Tiers, gate and cap compare exactly; the two-decimal figure is for reading only.</li>
 *   <li>{@code TIER}: the rate table on the counted credit; one line in {@code RETROACTIVE} mode, one per
 *       slice in {@code MARGINAL} mode.</li>
 *   <li>{@code MULTIPLIER}: a matching credit earns (factor − 1) times its credit more, at the tier rate
 *       ({@code MARGINAL}: the effective rate, tier commission ÷ counted credit). Multipliers apply in plan
 *       order, each to the credit as already multiplied by the ones before it (product line ×1.5, then new
 *       customer ×1.2 make ×1.8); each multiplier has its own line. Multipliers never change attainment.</li>
 *   <li>{@code GATE}: below the gate, the tier and multiplier lines are taken back in full.</li>
 *   <li>{@code CAP}: on attainment, credit above the capped attainment earns nothing and the commission is
 *       that of the capped attainment, spread evenly over the credits; on payout, tier and multiplier
 *       commission is cut to the maximum.</li>
 *   <li>{@code SPIFF}: each SPIFF of the plan; neither gated nor capped.</li>
 *   <li>{@code TEAM_BONUS}, {@code TEAM_POOL}: per team (by team id), on its members' counted credit; the
 *       pool is shared by credit with the largest-remainder method, so the shares add up exactly.</li>
 *   <li>{@code OVERRIDE}: the manager's percentage of the team members' commission (their tier, multiplier,
 *       gate, cap and SPIFF lines).</li>
 *   <li>{@code CLAWBACK}: for each reversal dated in the window, minus exactly what prior payouts paid on the
 *       credit (payment), to everyone who was paid on it (the member, and the manager's override).</li>
 *   <li>{@code TRUE_UP}: minus what payouts for this window (or windows inside it) already paid, less the
 *       part of it the clawbacks already take back: the statement pays earned-to-date minus already paid.</li>
 * </ol>
 *
 * <p>Every line is rounded once, with the plan's rounding mode, to the currency's minor unit; gate and cap
 * lines are computed against the rounded lines they correct, so a statement's total, the sum of its rounded
 * lines, is exact. Each statement also attributes its commission to the credits that earned it
 * ({@link CreditCommission}), which is how a later clawback knows exactly what was paid on a credit.
 *
 * <p>From 50,000 credits on, the ledger is read and the members' own lines are worked out side by side on
 * the common fork-join pool; the result is the same as on one thread (members are independent until the
 * team lines, and the rows are put back in ledger order before anything depends on their order).
 */
public final class CommissionEngine {

    private CommissionEngine() {
    }

    /**
     * @throws InvalidCommissionInputException when the input contradicts itself
     * @throws MissingExchangeRateException    when an amount that counts has no conversion rate on its day
     */
    public static CommissionResult calculate(CommissionInput input) {
        return new CommissionCalculation(input).run();
    }
}
