package io.attain.targets.attainment;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaderboardTest {

    private static Leaderboard.Entry entry(String id, String actual, String target) {
        return new Leaderboard.Entry(id, "name-" + id, new BigDecimal(actual), target == null ? null : new BigDecimal(target));
    }

    @Test
    void shouldRankByPercentThenActual() {
        List<Standing> ranked = Leaderboard.rank(List.of(
                entry("a", "500", "1000"),     // 50%
                entry("b", "900", "1000"),     // 90%
                entry("c", "1800", "2000"),    // 90%, more actual
                entry("d", "100", "50")));     // 200%
        assertThat(ranked).extracting(Standing::memberId).containsExactly("d", "c", "b", "a");
        assertThat(ranked).extracting(Standing::rank).containsExactly(1, 2, 3, 4);
        assertThat(ranked.getFirst().percent()).isEqualByComparingTo("200.00");
    }

    @Test
    void shouldShareRanksAmongEqualsAndSkipAfter() {
        List<Standing> ranked = Leaderboard.rank(List.of(
                entry("x", "500", "1000"), entry("w", "500", "1000"), entry("v", "900", "1000"), entry("u", "100", "1000")));
        assertThat(ranked).extracting(Standing::memberId).containsExactly("v", "w", "x", "u");
        assertThat(ranked).extracting(Standing::rank).containsExactly(1, 2, 2, 4);
    }

    @Test
    void shouldPutMembersWithoutTargetAfterThoseWithOne() {
        List<Standing> ranked = Leaderboard.rank(List.of(
                entry("none-big", "99999", null), entry("low", "1", "1000"), entry("none-small", "5", null)));
        assertThat(ranked).extracting(Standing::memberId).containsExactly("low", "none-big", "none-small");
        assertThat(ranked.get(1).percent()).isNull();
        assertThat(ranked).extracting(Standing::rank).containsExactly(1, 2, 3);
    }

    @Test
    void shouldRankAnEmptyBoard() {
        assertThat(Leaderboard.rank(List.of())).isEmpty();
    }

    @Test
    void shouldRejectNonPositiveTargets() {
        assertThatThrownBy(() -> entry("z", "1", "0")).isInstanceOf(IllegalArgumentException.class);
    }
}
