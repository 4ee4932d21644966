package io.attain.incentive.domain.commission;

import io.attain.events.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A member's credit on one deal, as the credit ledger stands: the member's share of the deal amount, the
 * deal's attributes that plans look at, the day it was booked and the payments received on it so far.
 * Reversed credits are either left out or named by a {@link CreditReversal}.
 *
 * @param amount   the member's credited amount, in any currency, at the currency's minor unit
 * @param payments the member's share of each payment received; they add up to at most {@code amount}
 */
public record Credit(String creditId, String dealId, String memberId, Money amount, String productLine, String channel,
                     boolean newCustomer, LocalDate bookedOn, List<Payment> payments) {

    public Credit {
        if (creditId == null || creditId.isBlank()) {
            throw new InvalidCommissionInputException("a credit needs an id");
        }
        if (dealId == null || dealId.isBlank()) {
            throw new InvalidCommissionInputException("credit " + creditId + " names no deal");
        }
        if (memberId == null || memberId.isBlank()) {
            throw new InvalidCommissionInputException("credit " + creditId + " names no member");
        }
        if (amount == null || amount.isNegative() || amount.isZero()) {
            throw new InvalidCommissionInputException("credit " + creditId + " must be above zero, was " + amount);
        }
        requireMinorUnit("credit " + creditId, amount);
        if (bookedOn == null) {
            throw new InvalidCommissionInputException("credit " + creditId + " has no booking date");
        }
        payments = payments == null ? List.of() : List.copyOf(payments);
        if (!payments.isEmpty()) {
            Set<String> ids = new HashSet<>();
            BigDecimal paid = BigDecimal.ZERO;
            for (Payment payment : payments) {
                if (!ids.add(payment.paymentId())) {
                    throw new InvalidCommissionInputException("credit " + creditId + " lists payment " + payment.paymentId() + " twice");
                }
                if (!payment.amount().currency().equals(amount.currency())) {
                    throw new InvalidCommissionInputException("payment " + payment.paymentId() + " on credit " + creditId + " is in "
                            + payment.amount().currency() + ", the credit in " + amount.currency());
                }
                paid = paid.add(payment.amount().amount());
            }
            if (paid.compareTo(amount.amount()) > 0) {
                throw new InvalidCommissionInputException("payments on credit " + creditId + " add up to " + Money.of(paid, amount.currency())
                        + ", more than the credited " + amount);
            }
        }
    }

    /** A booked credit with no particular attributes and no payments yet. */
    public static Credit booked(String creditId, String dealId, String memberId, Money amount, LocalDate bookedOn) {
        return new Credit(creditId, dealId, memberId, amount, null, null, false, bookedOn, List.of());
    }

    public Credit withProductLine(String productLine) {
        return new Credit(creditId, dealId, memberId, amount, productLine, channel, newCustomer, bookedOn, payments);
    }

    public Credit withChannel(String channel) {
        return new Credit(creditId, dealId, memberId, amount, productLine, channel, newCustomer, bookedOn, payments);
    }

    public Credit withNewCustomer(boolean newCustomer) {
        return new Credit(creditId, dealId, memberId, amount, productLine, channel, newCustomer, bookedOn, payments);
    }

    public Credit withPayments(List<Payment> payments) {
        return new Credit(creditId, dealId, memberId, amount, productLine, channel, newCustomer, bookedOn, payments);
    }

    static void requireMinorUnit(String what, Money amount) {
        int minorUnits = Money.minorUnits(amount.currency());
        if (amount.amount().scale() > minorUnits && amount.amount().stripTrailingZeros().scale() > minorUnits) {
            throw new InvalidCommissionInputException(what + " is " + amount + ", more decimals than " + amount.currency() + " has");
        }
    }
}
