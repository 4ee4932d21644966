package io.attain.pipeline.domain;

import io.attain.events.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The commercial terms of a deal, everything a client may set; stage, probability, versions and times are
 * the server's. Checked before they get here: the amount is plausible, the splits add up to 100 and name
 * the owner.
 */
public record DealTerms(
        String name,
        UUID accountId,
        String ownerId,
        Money amount,
        String productLine,
        String channel,
        String region,
        String customerTier,
        boolean newCustomer,
        LocalDate expectedCloseDate,
        List<DealSplit> splits) {

    public DealTerms {
        splits = List.copyOf(splits);
    }
}
