package io.attain.targets.domain.check;

import io.attain.targets.domain.check.Finding.Check;
import io.attain.targets.domain.check.Finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetChecksTest {

    private static final CheckBands BANDS = new CheckBands(new BigDecimal("0.00"), new BigDecimal("0.50"),
            new BigDecimal("3.0"), 366);
    private static final TargetChecks CHECKS = new TargetChecks(BANDS);
    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate DEC_31 = LocalDate.of(2026, 12, 31);

    private static TargetFacts revenue(String value, String lastYear, String pipeline) {
        return new TargetFacts("REVENUE", true, false, false, true, JAN_1, DEC_31, decimal(value), "CNY",
                decimal(lastYear), decimal(pipeline));
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static Finding finding(List<Finding> findings, Check check) {
        return findings.stream().filter(f -> f.check() == check).findFirst().orElseThrow();
    }

    @Test
    void shouldPassAWellFormedTargetWithinTheBands() {
        List<Finding> findings = CHECKS.check(revenue("120000000", "100000000", "400000000"));
        assertThat(findings).extracting(Finding::check).containsExactly(Check.SPECIFIC, Check.MEASURABLE,
                Check.TIME_BOUND, Check.GROWTH_VS_LAST_YEAR, Check.PIPELINE_COVERAGE);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.OK));
        assertThat(finding(findings, Check.GROWTH_VS_LAST_YEAR).measured()).isEqualByComparingTo("0.20");
        assertThat(finding(findings, Check.PIPELINE_COVERAGE).measured()).isEqualByComparingTo("3.33");
        assertThat(TargetChecks.passed(findings)).isTrue();
    }

    @ParameterizedTest(name = "target {0} vs last year {1}: {2}")
    @CsvSource({
            "100, 100, OK",
            "150, 100, OK",
            "150.01, 100, WARNING",
            "99.99, 100, WARNING",
            "300, 100, WARNING",
            "100, 0, SKIPPED",
    })
    void shouldFlagGrowthOutsideTheBand(String value, String lastYear, Severity expected) {
        assertThat(finding(CHECKS.check(revenue(value, lastYear, null)), Check.GROWTH_VS_LAST_YEAR).severity()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "pipeline {1} for target {0}: {2}")
    @CsvSource({"100, 300, OK", "100, 299.99, WARNING", "100, 0, WARNING"})
    void shouldFlagThinPipelineCoverage(String value, String pipeline, Severity expected) {
        assertThat(finding(CHECKS.check(revenue(value, null, pipeline)), Check.PIPELINE_COVERAGE).severity()).isEqualTo(expected);
    }

    @Test
    void shouldSkipHistoryChecksWithoutHistoryAndStillPass() {
        List<Finding> findings = CHECKS.check(revenue("100", null, null));
        assertThat(finding(findings, Check.GROWTH_VS_LAST_YEAR).severity()).isEqualTo(Severity.SKIPPED);
        assertThat(finding(findings, Check.PIPELINE_COVERAGE).severity()).isEqualTo(Severity.SKIPPED);
        assertThat(TargetChecks.passed(findings)).isTrue();
    }

    @Test
    void shouldRefuseTargetsThatAreNotSpecificMeasurableOrTimeBound() {
        List<Finding> findings = CHECKS.check(new TargetFacts(null, false, false, false, false, DEC_31, JAN_1,
                BigDecimal.ZERO, null, null, null));
        assertThat(finding(findings, Check.SPECIFIC).severity()).isEqualTo(Severity.ERROR);
        assertThat(finding(findings, Check.MEASURABLE).severity()).isEqualTo(Severity.ERROR);
        assertThat(finding(findings, Check.TIME_BOUND).severity()).isEqualTo(Severity.ERROR);
        assertThat(TargetChecks.passed(findings)).isFalse();

        assertThat(finding(CHECKS.check(new TargetFacts("NEW_CUSTOMERS", false, true, false, true, JAN_1, DEC_31,
                new BigDecimal("2.5"), null, null, null)), Check.MEASURABLE).severity()).isEqualTo(Severity.ERROR);
        assertThat(finding(CHECKS.check(new TargetFacts("RENEWAL_RATE", false, false, true, true, JAN_1, DEC_31,
                new BigDecimal("101"), null, null, null)), Check.MEASURABLE).severity()).isEqualTo(Severity.ERROR);
        assertThat(finding(CHECKS.check(new TargetFacts("RENEWAL_RATE", false, false, true, true, JAN_1, DEC_31,
                new BigDecimal("92.5"), null, null, null)), Check.MEASURABLE).severity()).isEqualTo(Severity.OK);
        assertThat(finding(CHECKS.check(new TargetFacts("REVENUE", true, false, false, true, JAN_1, DEC_31,
                BigDecimal.TEN, "XYZ", null, null)), Check.MEASURABLE).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void shouldWarnWhenOneTargetSpansMoreThanTheLongestPeriod() {
        TargetFacts twoYears = new TargetFacts("REVENUE", true, false, false, true, JAN_1, LocalDate.of(2027, 12, 31),
                BigDecimal.TEN, "CNY", null, null);
        Finding timeBound = finding(CHECKS.check(twoYears), Check.TIME_BOUND);
        assertThat(timeBound.severity()).isEqualTo(Severity.WARNING);
        assertThat(timeBound.measured()).isEqualByComparingTo("730");
    }

    @Test
    void shouldRefuseInconsistentBands() {
        assertThatThrownBy(() -> new CheckBands(new BigDecimal("0.5"), new BigDecimal("0.1"), BigDecimal.ONE, 366))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckBands(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE.negate(), 366))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
