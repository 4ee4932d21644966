package io.attain.events;

import java.util.List;

/**
 * CloudEvents {@code type} values. Each has a JSON Schema {@code schemas/<type>.schema.json} and an
 * example {@code examples/<type>.json} in this module.
 */
public final class EventTypes {
    public static final String DEAL_CREATED = "io.attain.pipeline.deal.created.v1";
    public static final String DEAL_STAGE_CHANGED = "io.attain.pipeline.deal.stage-changed.v1";
    /** Amount, owner, credit split or other commercial terms changed; {@code changedFields} says which. */
    public static final String DEAL_UPDATED = "io.attain.pipeline.deal.updated.v1";
    public static final String DEAL_PAYMENT_RECORDED = "io.attain.pipeline.deal.payment-recorded.v1";
    public static final String DEAL_PAYMENT_REVERSED = "io.attain.pipeline.deal.payment-reversed.v1";

    public static final String TARGET_PUBLISHED = "io.attain.targets.target.published.v1";
    public static final String TARGET_ADJUSTED = "io.attain.targets.target.adjusted.v1";

    public static final String ORG_UNIT_CHANGED = "io.attain.targets.org-unit.changed.v1";
    public static final String MEMBERSHIP_CHANGED = "io.attain.targets.membership.changed.v1";

    /** A member's statement in a period was calculated (and differs from the one shown before). */
    public static final String STATEMENT_CALCULATED = "io.attain.incentive.statement.calculated.v1";
    /** A commission period was closed: its statements are final. */
    public static final String PERIOD_CLOSED = "io.attain.incentive.period.closed.v1";

    public static final List<String> DEAL_EVENTS = List.of(
            DEAL_CREATED, DEAL_STAGE_CHANGED, DEAL_UPDATED, DEAL_PAYMENT_RECORDED, DEAL_PAYMENT_REVERSED);
    public static final List<String> TARGET_EVENTS = List.of(TARGET_PUBLISHED, TARGET_ADJUSTED);
    public static final List<String> ORG_EVENTS = List.of(ORG_UNIT_CHANGED, MEMBERSHIP_CHANGED);
    public static final List<String> COMMISSION_EVENTS = List.of(STATEMENT_CALCULATED, PERIOD_CLOSED);

    /** Every type with its payload record, the pairs the contract tests walk through. */
    public static final List<Contract> ALL = List.of(
            new Contract(DEAL_CREATED, Topics.DEAL_EVENTS, DealEvent.class),
            new Contract(DEAL_STAGE_CHANGED, Topics.DEAL_EVENTS, DealEvent.class),
            new Contract(DEAL_UPDATED, Topics.DEAL_EVENTS, DealEvent.class),
            new Contract(DEAL_PAYMENT_RECORDED, Topics.DEAL_EVENTS, DealEvent.class),
            new Contract(DEAL_PAYMENT_REVERSED, Topics.DEAL_EVENTS, DealEvent.class),
            new Contract(TARGET_PUBLISHED, Topics.TARGET_EVENTS, TargetEvent.class),
            new Contract(TARGET_ADJUSTED, Topics.TARGET_EVENTS, TargetEvent.class),
            new Contract(ORG_UNIT_CHANGED, Topics.ORG_EVENTS, OrgUnitEvent.class),
            new Contract(MEMBERSHIP_CHANGED, Topics.ORG_EVENTS, MembershipEvent.class),
            new Contract(STATEMENT_CALCULATED, Topics.COMMISSION_EVENTS, CommissionEvent.class),
            new Contract(PERIOD_CLOSED, Topics.COMMISSION_EVENTS, CommissionEvent.class));

    /** One event type: where it travels and which record carries its data. */
    public record Contract(String type, String topic, Class<?> payload) {
        public String schemaResource() {
            return "schemas/" + type + ".schema.json";
        }

        public String exampleResource() {
            return "examples/" + type + ".json";
        }
    }

    private EventTypes() {
    }
}
