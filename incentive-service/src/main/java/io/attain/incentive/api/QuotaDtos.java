package io.attain.incentive.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.attain.events.Money;
import io.attain.events.PlainDecimalSerializer;
import io.attain.incentive.domain.Quota;
import io.attain.support.api.Page;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Response bodies of {@link QuotaResource}. */
public final class QuotaDtos {

    /**
     * @param version  the target's version in targets-service
     * @param value    the quota of a money metric, otherwise {@code null}
     * @param quantity the quota of a count or rate metric as a plain decimal string, otherwise {@code null}
     */
    public record QuotaView(UUID targetId, long version, String metric, LocalDate periodStart, LocalDate periodEnd,
                            UUID orgUnitId, Money value,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonSerialize(using = PlainDecimalSerializer.class)
                            BigDecimal quantity) {
        public static QuotaView of(Quota quota) {
            return new QuotaView(quota.targetId, quota.version, quota.metric, quota.periodStart, quota.periodEnd,
                    quota.orgUnitId, quota.value(), quota.quantity == null ? null : quota.quantity.stripTrailingZeros());
        }
    }

    public record MemberQuotasView(String memberId, List<QuotaView> quotas, int page, int size, long total) {
        public static MemberQuotasView of(String memberId, Page<Quota> quotas) {
            return new MemberQuotasView(memberId, quotas.items().stream().map(QuotaView::of).toList(), quotas.page(),
                    quotas.size(), quotas.total());
        }
    }

    private QuotaDtos() {
    }
}
