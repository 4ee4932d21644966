package io.attain.incentive.domain.commission;

/** What produced a commission line; a statement lists its lines in this order. */
public enum CommissionComponent {
    /** Commission from the attainment rate table (one line, or one per slice in MARGINAL mode). */
    TIER,
    /** Extra commission on credits matching a multiplier. */
    MULTIPLIER,
    /** Takes back tier and multiplier commission when attainment is below the gate. */
    GATE,
    /** Cuts tier and multiplier commission down to the cap. */
    CAP,
    /** A time-boxed bonus on matching deals. */
    SPIFF,
    /** The fixed amount each member gets when the team reaches its target. */
    TEAM_BONUS,
    /** A member's share of the team's excess pool. */
    TEAM_POOL,
    /** A manager's percentage of the team's commission. */
    OVERRIDE,
    /** Takes back exactly what was paid on a credit that has been reversed. */
    CLAWBACK,
    /** Subtracts what was already paid for this window (earned-to-date minus already paid). */
    TRUE_UP
}
