package io.attain.targets.attainment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * 业绩排名: members ranked by attainment percent, then by actual. Members without a target of their own
 * for the metric and period follow every member with one, ranked by actual. Equal percent and actual share
 * a rank and the next rank skips (competition ranking); the display name and then the member id only fix
 * the listing order among equals.
 */
public final class Leaderboard {

    /** A member's actual and, when they have one, target. */
    public record Entry(String memberId, String displayName, BigDecimal actual, BigDecimal target) {
        public Entry {
            Objects.requireNonNull(memberId, "memberId");
            Objects.requireNonNull(actual, "actual");
            if (target != null && target.signum() <= 0) {
                throw new IllegalArgumentException("member " + memberId + " has a non-positive target");
            }
        }
    }

    private static final Comparator<Standing> ORDER = Comparator
            .comparing((Standing s) -> s.percent() == null)
            .thenComparing(Standing::percent, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Standing::actual, Comparator.reverseOrder())
            .thenComparing(s -> s.displayName() == null ? "" : s.displayName())
            .thenComparing(Standing::memberId);

    private Leaderboard() {
    }

    public static List<Standing> rank(List<Entry> entries) {
        List<Standing> unranked = entries.stream()
                .map(e -> new Standing(0, e.memberId(), e.displayName(), e.actual(), e.target(),
                        e.target() == null ? null : AttainmentCalculator.percentOf(e.actual(), e.target())))
                .sorted(ORDER)
                .toList();
        List<Standing> ranked = new ArrayList<>(unranked.size());
        for (int i = 0; i < unranked.size(); i++) {
            Standing s = unranked.get(i);
            int rank = i + 1;
            if (i > 0 && tied(unranked.get(i - 1), s)) {
                rank = ranked.get(i - 1).rank();
            }
            ranked.add(new Standing(rank, s.memberId(), s.displayName(), s.actual(), s.target(), s.percent()));
        }
        return ranked;
    }

    private static boolean tied(Standing a, Standing b) {
        boolean samePercent = a.percent() == null ? b.percent() == null
                : b.percent() != null && a.percent().compareTo(b.percent()) == 0;
        return samePercent && a.actual().compareTo(b.actual()) == 0;
    }
}
