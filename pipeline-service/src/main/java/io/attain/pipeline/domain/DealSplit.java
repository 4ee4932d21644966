package io.attain.pipeline.domain;

import io.attain.events.CreditSplit;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.math.BigDecimal;
import java.util.Objects;

/** One member's share of a deal's credit, in percent with at most four decimals. */
@Embeddable
public class DealSplit {

    public static final int PERCENT_SCALE = 4;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    @Column(nullable = false, precision = 7, scale = PERCENT_SCALE)
    public BigDecimal percent;

    protected DealSplit() {
    }

    public DealSplit(String memberId, BigDecimal percent) {
        this.memberId = Objects.requireNonNull(memberId, "memberId");
        this.percent = Objects.requireNonNull(percent, "percent").setScale(PERCENT_SCALE);
    }

    /** As the events carry it: {@code 60}, not {@code 60.0000}. */
    public CreditSplit toCreditSplit() {
        return new CreditSplit(memberId, percent.stripTrailingZeros());
    }

    /** Equal when the member and the share are, whatever the scale. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DealSplit other && memberId.equals(other.memberId) && percent.compareTo(other.percent) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(memberId, percent.stripTrailingZeros());
    }
}
