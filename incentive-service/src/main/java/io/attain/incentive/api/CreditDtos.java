package io.attain.incentive.api;

import io.attain.events.Money;
import io.attain.incentive.domain.CreditEntry;
import io.attain.incentive.domain.CreditKind;
import io.attain.incentive.service.MemberCredits;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of {@link CreditResource}. */
public final class CreditDtos {

    /**
     * @param amount          positive for a credit, negative for a reversal
     * @param dealVersion     the deal version whose snapshot produced the entry
     * @param sourceEventId   the {@code ce_id} of that deal event
     * @param reversesEntryId for a reversal, the credit it cancels; otherwise {@code null}
     */
    public record CreditView(UUID id, UUID dealId, CreditKind kind, Money amount, long dealVersion,
                             String sourceEventId, UUID reversesEntryId, Instant recordedAt) {
        public static CreditView of(CreditEntry entry) {
            return new CreditView(entry.id, entry.dealId, entry.kind, entry.money(), entry.dealVersion,
                    entry.sourceEventId, entry.reversesEntryId, entry.recordedAt);
        }
    }

    /**
     * @param credits one page of the member's entries, newest first
     * @param totals  the net of all the member's entries (not just this page), one per currency
     * @param total   the number of entries over all pages
     */
    public record MemberCreditsView(String memberId, List<CreditView> credits, List<Money> totals, int page,
                                    int size, long total) {
        public static MemberCreditsView of(MemberCredits credits) {
            return new MemberCreditsView(credits.memberId(),
                    credits.entries().items().stream().map(CreditView::of).toList(), credits.totals(),
                    credits.entries().page(), credits.entries().size(), credits.entries().total());
        }
    }

    private CreditDtos() {
    }
}
