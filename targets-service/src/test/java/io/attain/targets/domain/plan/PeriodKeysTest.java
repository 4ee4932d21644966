package io.attain.targets.domain.plan;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodKeysTest {

    private static final Period YEAR_2026 = new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    /** A fiscal year from April to March. */
    private static final Period FISCAL_2026 = new Period(LocalDate.of(2026, 4, 1), LocalDate.of(2027, 3, 31));
    private static final Period Q2_2026 = new Period(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30));

    @ParameterizedTest(name = "{0} in 2026 = {1}..{2}")
    @CsvSource({
            "Q1, 2026-01-01, 2026-03-31",
            "q4, 2026-10-01, 2026-12-31",
            "H2, 2026-07-01, 2026-12-31",
            "M2, 2026-02-01, 2026-02-28",
            "M12, 2026-12-01, 2026-12-31",
            "Feb, 2026-02-01, 2026-02-28",
            "september, 2026-09-01, 2026-09-30",
            "3月, 2026-03-01, 2026-03-31",
            "12月, 2026-12-01, 2026-12-31",
            "2026-05, 2026-05-01, 2026-05-31",
            "2026-Q3, 2026-07-01, 2026-09-30",
            "2026-01-10..2026-02-15, 2026-01-10, 2026-02-15",
    })
    void shouldReadKeysWithinACalendarYear(String key, LocalDate start, LocalDate end) {
        assertThat(PeriodKeys.resolve(key, YEAR_2026)).isEqualTo(new Period(start, end));
    }

    @ParameterizedTest(name = "{0} in FY Apr 2026 = {1}..{2}")
    @CsvSource({
            "Q1, 2026-04-01, 2026-06-30",
            "Q4, 2027-01-01, 2027-03-31",
            "M10, 2027-01-01, 2027-01-31",
            "Jan, 2027-01-01, 2027-01-31",
            "Apr, 2026-04-01, 2026-04-30",
    })
    void shouldCountRelativeKeysFromTheFiscalYearStart(String key, LocalDate start, LocalDate end) {
        assertThat(PeriodKeys.resolve(key, FISCAL_2026)).isEqualTo(new Period(start, end));
    }

    @Test
    void shouldCountMonthsOfAQuarterFromItsStart() {
        assertThat(PeriodKeys.resolve("M1", Q2_2026)).isEqualTo(new Period(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30)));
        assertThat(PeriodKeys.resolve("M3", Q2_2026)).isEqualTo(new Period(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30)));
    }

    @ParameterizedTest
    @CsvSource({"M4", "Q2", "Jan", "2027-01", "2026-Q1"})
    void shouldRefuseKeysOutsideTheParentPeriod(String key) {
        assertThatThrownBy(() -> PeriodKeys.resolve(key, Q2_2026))
                .isInstanceOf(PeriodKeys.UnknownPeriodKey.class).hasMessageContaining("does not lie within");
    }

    @ParameterizedTest
    @CsvSource({"spring", "Q5", "Q0", "M13", "H3", "13月", "2026-13", "2026-02-10..2026-01-01", "Ju"})
    void shouldRefuseKeysOfNoKnownForm(String key) {
        assertThatThrownBy(() -> PeriodKeys.resolve(key, YEAR_2026))
                .isInstanceOf(PeriodKeys.UnknownPeriodKey.class).hasMessageContaining("is not a period");
    }
}
