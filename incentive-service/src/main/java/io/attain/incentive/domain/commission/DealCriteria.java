package io.attain.incentive.domain.commission;

/**
 * Which deals a SPIFF rewards: every criterion given must match; a {@code null} criterion matches anything.
 *
 * @param productLine  the deal's product line, or {@code null} for any
 * @param channel      the deal's channel, or {@code null} for any
 * @param newCustomer  {@code true}: new customers only; {@code false}: existing customers only; {@code null}: either
 */
public record DealCriteria(String productLine, String channel, Boolean newCustomer) {

    public DealCriteria {
        if (productLine != null && productLine.isBlank()) {
            throw new InvalidPlanException("a product line criterion must not be blank; leave it out to match any product line");
        }
        if (channel != null && channel.isBlank()) {
            throw new InvalidPlanException("a channel criterion must not be blank; leave it out to match any channel");
        }
    }

    public static DealCriteria any() {
        return new DealCriteria(null, null, null);
    }

    public static DealCriteria productLine(String productLine) {
        return new DealCriteria(productLine, null, null);
    }

    public boolean matches(Credit credit) {
        return (productLine == null || productLine.equals(credit.productLine()))
                && (channel == null || channel.equals(credit.channel()))
                && (newCustomer == null || newCustomer == credit.newCustomer());
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        if (productLine != null) {
            text.append("product line ").append(productLine);
        }
        if (channel != null) {
            text.append(text.isEmpty() ? "" : ", ").append("channel ").append(channel);
        }
        if (newCustomer != null) {
            text.append(text.isEmpty() ? "" : ", ").append(newCustomer ? "new customers" : "existing customers");
        }
        return text.isEmpty() ? "any deal" : text.toString();
    }
}
