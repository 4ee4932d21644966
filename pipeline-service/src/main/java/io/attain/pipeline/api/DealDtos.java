package io.attain.pipeline.api;

import io.attain.events.CreditSplit;
import io.attain.events.Money;
import io.attain.pipeline.domain.Deal;
import io.attain.pipeline.domain.DealSplit;
import io.attain.pipeline.domain.PipelineLayout;
import io.attain.pipeline.domain.Stage;
import io.attain.pipeline.domain.StageTransition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Request and response bodies of {@link DealResource}. Server-owned fields (id, stage, probability, version, times)
 * are never read; an update replaces every other field.
 */
public final class DealDtos {

    /**
     * The commercial terms of a deal, on create and on update.
     *
     * @param ownerId the owning rep; only managers and admins may name someone other than themselves.
     *                Absent on create: the caller; absent on update: unchanged.
     * @param splits  credit splits, each {@code percent} above 0 and at most 100 with at most four decimals, summing
     *                to exactly 100, naming the owner, each member once, at most 10. Absent on create: the owner 100%;
     *                absent on update: unchanged, except that the owner's sole 100% passes to a new owner
     */
    public record SaveDeal(
            @NotBlank @Size(max = 300) String name,
            UUID accountId,
            @Size(max = 100) String ownerId,
            @NotNull @Valid Money amount,
            @NotBlank @Size(max = 100) String productLine,
            @Size(max = 50) String channel,
            @Size(max = 100) String region,
            @Size(max = 50) String customerTier,
            Boolean newCustomer,
            LocalDate expectedCloseDate,
            List<Split> splits) {
    }

    /**
     * A new deal: the terms of {@link SaveDeal} and the pipeline it follows for good.
     *
     * @param pipelineId the pipeline (see {@code /api/pipeline/pipelines}); absent: the pipeline of the owner's team, or of the
     *                   nearest unit above it that has one, else the default funnel
     */
    public record CreateDeal(
            @NotBlank @Size(max = 300) String name,
            UUID accountId,
            @Size(max = 100) String ownerId,
            @NotNull @Valid Money amount,
            @NotBlank @Size(max = 100) String productLine,
            @Size(max = 50) String channel,
            @Size(max = 100) String region,
            @Size(max = 50) String customerTier,
            Boolean newCustomer,
            LocalDate expectedCloseDate,
            List<Split> splits,
            UUID pipelineId) {

        public SaveDeal terms() {
            return new SaveDeal(name, accountId, ownerId, amount, productLine, channel, region, customerTier, newCustomer,
                    expectedCloseDate, splits);
        }
    }

    /** One share of the credit: {@code percent} of the amount to {@code memberId} (a Keycloak user id). */
    public record Split(String memberId, BigDecimal percent) {
    }

    /** @param stage the name of a stage of the deal's pipeline (on the default pipeline, a funnel stage) */
    public record MoveStage(@NotBlank @Size(max = 50) String stage) {
    }

    /**
     * @param stage             the funnel stage, as events and analytics see it
     * @param pipelineStage     the stage as the deal's pipeline names it (the funnel stage on the default pipeline)
     * @param allowedNextStages the pipeline stages a move may go to now
     * @param collected         payments received net of reversals
     * @param lastActivityAt    the latest activity recorded on the deal
     */
    public record DealView(UUID id, String name, UUID accountId, String ownerId, Money amount, String productLine,
                           String channel, String region, String customerTier, boolean newCustomer,
                           LocalDate expectedCloseDate, List<CreditSplit> splits, Stage stage, UUID pipelineId,
                           String pipelineStage, int probability, Stage.ForecastCategory forecastCategory,
                           List<String> allowedNextStages, Money collected, long version, Instant createdAt,
                           Instant updatedAt, Instant wonAt, Instant closedAt, Instant lastActivityAt) {

        /** A deal with the moves of the default funnel; see {@link #of(Deal, List)} for a deal's own pipeline. */
        public static DealView of(Deal deal) {
            PipelineLayout layout = PipelineLayout.DEFAULT;
            return of(deal, layout.allowedNext(layout.locate(deal.pipelineStage, deal.stage), deal.isFullyPaid())
                    .stream().map(stage -> stage.name).toList());
        }

        public static DealView of(Deal deal, List<String> allowedNextStages) {
            return new DealView(deal.id, deal.name, deal.accountId, deal.ownerId, deal.amountMoney(), deal.productLine,
                    deal.channel, deal.region, deal.customerTier, deal.newCustomer, deal.expectedCloseDate,
                    deal.splits.stream().map(DealSplit::toCreditSplit).toList(), deal.stage, deal.pipelineId,
                    deal.pipelineStage, deal.probability, deal.forecastCategory, List.copyOf(allowedNextStages),
                    deal.collectedMoney(), deal.version, deal.createdAt, deal.updatedAt, deal.wonAt, deal.closedAt,
                    deal.lastActivityAt);
        }
    }

    /** @param fromPipelineStage and {@code toPipelineStage} name the stages as the deal's pipeline does */
    public record TransitionView(Stage from, Stage to, String fromPipelineStage, String toPipelineStage, Instant at,
                                 String actor) {
        public static TransitionView of(StageTransition transition) {
            return new TransitionView(transition.fromStage, transition.toStage, transition.fromPipelineStage,
                    transition.toPipelineStage, transition.at, transition.actor);
        }
    }

    private DealDtos() {
    }
}
