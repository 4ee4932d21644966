package io.attain.incentive.domain.commission;

/** A credit, or one payment on it ({@code paymentId} {@code null} for the credit as a whole): what reversals and payouts name. */
record CreditKey(String creditId, String paymentId) {

    @Override
    public String toString() {
        return paymentId == null ? creditId : creditId + "/" + paymentId;
    }
}
