package io.attain.pipeline.api;

import io.attain.pipeline.api.DealDtos.DealView;
import io.attain.pipeline.api.PaymentDtos.PaymentReceipt;
import io.attain.pipeline.api.PaymentDtos.PaymentView;
import io.attain.pipeline.api.PaymentDtos.RecordPayment;
import io.attain.pipeline.api.PaymentDtos.ReversePayment;
import io.attain.pipeline.domain.Payment;
import io.attain.pipeline.service.DealService;
import io.attain.pipeline.service.PaymentService;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Payments on a deal. Money is confirmed by finance (and admins); everyone who may read the deal reads its payments.
 * {@code Idempotency-Key} makes a retried payment POST record the payment once.
 */
@Path("/api/pipeline/deals/{dealId}/payments")
public class PaymentResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Inject
    PaymentService paymentService;

    @Inject
    DealService dealService;

    @POST
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Response record(@PathParam("dealId") UUID dealId, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                           @Valid @NotNull RecordPayment request, @Context UriInfo uri) {
        PaymentService.Recorded recorded = paymentService.record(dealId, request, idempotencyKey);
        PaymentReceipt receipt = receipt(recorded);
        if (recorded.repeated()) {
            return Response.ok(receipt).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(recorded.payment().id.toString()).build())
                .entity(receipt).build();
    }

    /** Reverses (refunds) a payment; the body is optional. */
    @POST
    @Path("/{paymentId}/reversal")
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    public Response reverse(@PathParam("dealId") UUID dealId, @PathParam("paymentId") UUID paymentId,
                            @Valid ReversePayment request, @Context UriInfo uri) {
        PaymentService.Recorded recorded = paymentService.reverse(dealId, paymentId, request);
        return Response.created(uri.getBaseUriBuilder().path(PaymentResource.class)
                        .path(recorded.payment().id.toString()).build(dealId))
                .entity(receipt(recorded)).build();
    }

    /** Payments and reversals in the order they were recorded. */
    @GET
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public Page<PaymentView> list(@PathParam("dealId") UUID dealId, @Valid @BeanParam PageParams page) {
        Page<Payment> payments = paymentService.list(dealId, page);
        Map<UUID, UUID> reversals = paymentService.reversalsOf(payments.items());
        return payments.map(payment -> PaymentView.of(payment, reversals.get(payment.id)));
    }

    private PaymentReceipt receipt(PaymentService.Recorded recorded) {
        UUID reversedBy = recorded.payment().isReversal() ? null
                : paymentService.reversalsOf(List.of(recorded.payment())).get(recorded.payment().id);
        return new PaymentReceipt(PaymentView.of(recorded.payment(), reversedBy),
                DealView.of(recorded.deal(), dealService.allowedNextStages(recorded.deal())));
    }
}
