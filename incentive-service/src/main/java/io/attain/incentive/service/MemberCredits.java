package io.attain.incentive.service;

import io.attain.events.Money;
import io.attain.incentive.domain.CreditEntry;
import io.attain.support.api.Page;

import java.util.List;

/**
 * A member's credit entries (one page, newest first) and their net total per currency over all entries.
 */
public record MemberCredits(String memberId, Page<CreditEntry> entries, List<Money> totals) {
}
