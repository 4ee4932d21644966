package io.attain.pipeline.service;

import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.pipeline.api.PaymentDtos.RecordPayment;
import io.attain.pipeline.api.PaymentDtos.ReversePayment;
import io.attain.pipeline.domain.Deal;
import io.attain.pipeline.domain.Payment;
import io.attain.pipeline.domain.PipelineLayout;
import io.attain.pipeline.domain.PipelineStage;
import io.attain.pipeline.domain.Stage;
import io.attain.pipeline.domain.StageKind;
import io.attain.pipeline.domain.StageTransition;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Payments (回款) on won deals and their reversals. Each is committed with the deal's new collected total and one
 * deal event ({@code deal.payment-recorded} / {@code deal.payment-reversed}) carrying the payment and the full
 * snapshot, which incentive-service's collected basis is computed from. A payment that completes the amount moves
 * the deal to the collected stage; a reversal that leaves a collected deal short moves it back to won. Both moves
 * are recorded in the stage history and told by the same event ({@code previousStage}).
 */
@ApplicationScoped
@Transactional
public class PaymentService {

    /** Before this a received-on date is a typing mistake. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 100;

    @Inject
    Caller caller;

    @Inject
    DealService dealService;

    @Inject
    PipelineService pipelineService;

    /** A payment and the deal after it. */
    public record Recorded(Payment payment, Deal deal, boolean repeated) {
    }

    /**
     * @param idempotencyKey a client's key for this payment; a repeat with the same key and the same payment answers
     *                       the payment first recorded and records nothing
     */
    public Recorded record(UUID dealId, RecordPayment request, String idempotencyKey) {
        Deal deal = dealService.lockInScope(dealId);
        String key = checkedKey(idempotencyKey);
        Money amount = request.amount();
        if (key != null) {
            Optional<Payment> earlier = Payment.find("dealId = ?1 and idempotencyKey = ?2", dealId, key).firstResultOptional();
            if (earlier.isPresent()) {
                Payment payment = earlier.get();
                if (!payment.amountMoney().equals(amount) || !payment.receivedOn.equals(request.receivedOn())
                        || !Objects.equals(payment.reference, blankToNull(request.reference()))) {
                    throw new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                            "Idempotency-Key " + key + " was used for another payment (" + payment.amountMoney() + " on "
                                    + payment.receivedOn + "); use a new key for a new payment");
                }
                return new Recorded(payment, deal, true);
            }
        }
        checkAmount(amount);
        checkReceivedOn("receivedOn", request.receivedOn(), EARLIEST);
        if (!amount.currency().equals(deal.currency)) {
            throw new ProblemException(422, "currency-mismatch", "Currency mismatch",
                    "the deal is in " + deal.currency + "; a payment in " + amount.currency() + " cannot be added to it");
        }
        if (!deal.stage.isBooked()) {
            throw ProblemException.conflict("deal-not-won", "Deal not won",
                    "the deal is in " + deal.pipelineStage + "; payments are recorded on won deals only");
        }
        if (amount.compareTo(deal.outstanding()) > 0) {
            throw new ProblemException(422, "overpayment", "Overpayment",
                    "the payment of " + amount + " exceeds what is outstanding on the deal: " + deal.outstanding()
                            + " (amount " + deal.amountMoney() + ", collected " + deal.collectedMoney() + ")");
        }
        Instant now = Instant.now();
        Payment payment = new Payment();
        payment.id = UUID.randomUUID();
        payment.dealId = deal.id;
        payment.amount = amount.amount();
        payment.currency = amount.currency();
        payment.receivedOn = request.receivedOn();
        payment.reference = blankToNull(request.reference());
        payment.idempotencyKey = key;
        payment.recordedAt = now;
        payment.recordedBy = caller.id();
        payment.persist();

        deal.collect(amount, now);
        Stage previous = null;
        if (deal.stage == Stage.WON && deal.isFullyPaid()) {
            previous = move(deal, StageKind.COLLECTED, now);
        }
        Deal.getEntityManager().flush();
        dealService.publishPayment(deal, EventTypes.DEAL_PAYMENT_RECORDED, previous, payment.toChange());
        return new Recorded(payment, deal, false);
    }

    /**
     * Reverses a payment (a refund) by a reversal of the same amount; a payment is reversed once.
     *
     * @param request may be {@code null}: reversed today, without reference
     */
    public Recorded reverse(UUID dealId, UUID paymentId, ReversePayment request) {
        Deal deal = dealService.lockInScope(dealId);
        Payment payment = Payment.<Payment>findByIdOptional(paymentId).filter(p -> p.dealId.equals(dealId))
                .orElseThrow(() -> ProblemException.notFound("payment", paymentId));
        if (payment.isReversal()) {
            throw ProblemException.conflict("payment-is-reversal", "Payment is a reversal",
                    "payment " + paymentId + " reverses payment " + payment.reversesId + "; it cannot be reversed itself");
        }
        Optional<Payment> earlier = Payment.find("reversesId", paymentId).firstResultOptional();
        if (earlier.isPresent()) {
            throw ProblemException.conflict("payment-already-reversed", "Payment already reversed",
                    "payment " + paymentId + " was reversed by " + earlier.get().id + " on " + earlier.get().receivedOn);
        }
        LocalDate reversedOn = request == null || request.reversedOn() == null ? LocalDate.now(ZoneOffset.UTC) : request.reversedOn();
        checkReceivedOn("reversedOn", reversedOn, payment.receivedOn);
        Instant now = Instant.now();
        Payment reversal = new Payment();
        reversal.id = UUID.randomUUID();
        reversal.dealId = deal.id;
        reversal.amount = payment.amount;
        reversal.currency = payment.currency;
        reversal.receivedOn = reversedOn;
        reversal.reference = request == null ? null : blankToNull(request.reference());
        reversal.reversesId = payment.id;
        reversal.recordedAt = now;
        reversal.recordedBy = caller.id();
        reversal.persist();

        deal.uncollect(payment.amountMoney(), now);
        Stage previous = null;
        if (deal.stage == Stage.COLLECTED && !deal.isFullyPaid()) {
            previous = move(deal, StageKind.WON, now);
        }
        Deal.getEntityManager().flush();
        dealService.publishPayment(deal, EventTypes.DEAL_PAYMENT_REVERSED, previous, reversal.toChange());
        return new Recorded(reversal, deal, false);
    }

    /** Payments and reversals of a deal in the caller's scope, in the order they were recorded. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Payment> list(UUID dealId, PageParams page) {
        dealService.findInScope(dealId).orElseThrow(() -> ProblemException.notFound("deal", dealId));
        var query = Payment.<Payment>find("dealId", Sort.ascending("recordedAt").and("id"), dealId);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    /** For each of these payments, the reversal that reversed it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, UUID> reversalsOf(List<Payment> payments) {
        List<UUID> ids = payments.stream().filter(p -> !p.isReversal()).map(p -> p.id).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, UUID> reversals = new HashMap<>();
        Payment.<Payment>list("reversesId in ?1", ids).forEach(r -> reversals.put(r.reversesId, r.id));
        return reversals;
    }

    /** Moves the deal to the stage of this kind in its pipeline, recording the move as the caller's. */
    private Stage move(Deal deal, StageKind kind, Instant at) {
        PipelineLayout layout = pipelineService.layoutOf(deal.pipelineId);
        PipelineStage from = layout.locate(deal.pipelineStage, deal.stage);
        PipelineStage to = layout.only(kind);
        Stage previous = deal.stage;
        deal.moveTo(to, at);
        StageTransition.record(deal.id, from, to, at, caller.id());
        return previous;
    }

    private static void checkAmount(Money amount) {
        if (amount.amount().signum() <= 0) {
            throw ProblemException.invalidField("amount.amount", "must be above 0; reverse a payment to take money back");
        }
        if (amount.amount().compareTo(DealService.MAX_AMOUNT) > 0) {
            throw ProblemException.invalidField("amount.amount", "is implausibly large (above "
                    + DealService.MAX_AMOUNT.toPlainString() + ")");
        }
        if (amount.amount().stripTrailingZeros().scale() > Money.minorUnits(amount.currency())) {
            throw ProblemException.invalidField("amount.amount",
                    "has more decimals than " + amount.currency() + " allows (" + Money.minorUnits(amount.currency()) + ")");
        }
    }

    /** Money moves on days that have begun somewhere (UTC+14 is a day ahead of UTC) and not before {@code earliest}. */
    private static void checkReceivedOn(String field, LocalDate day, LocalDate earliest) {
        if (day.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            throw ProblemException.invalidField(field, "lies in the future: " + day);
        }
        if (day.isBefore(earliest)) {
            throw ProblemException.invalidField(field, "must not be before " + earliest + ", not " + day);
        }
    }

    private static String checkedKey(String key) {
        if (key == null) {
            return null;
        }
        String stripped = key.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new ProblemException(400, "invalid-request", "Invalid request",
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        return stripped;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
