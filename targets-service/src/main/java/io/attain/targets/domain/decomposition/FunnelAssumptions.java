package io.attain.targets.domain.decomposition;

import io.attain.events.Money;

import java.util.Objects;

import static io.attain.targets.domain.decomposition.DecompositionException.Reason;

/**
 * What the reverse funnel assumes: the average won deal and the stage conversion rates (given, or learned
 * from the pipeline's history by the caller).
 */
public record FunnelAssumptions(Money averageDealSize, ConversionRates rates) {

    public FunnelAssumptions {
        Objects.requireNonNull(averageDealSize, "averageDealSize");
        Objects.requireNonNull(rates, "rates");
        if (averageDealSize.amount().signum() <= 0) {
            throw new DecompositionException(Reason.NON_POSITIVE_DEAL_SIZE,
                    "the average deal size must be positive but is " + averageDealSize);
        }
    }
}
