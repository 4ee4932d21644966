package io.attain.targets.attainment;

import java.time.LocalDate;

/**
 * @param percent    the attainment percentage the milestone marks, e.g. 80
 * @param reachedOn  the first day the cumulative actual reached it, or {@code null} when not (yet) reached
 */
public record Milestone(int percent, LocalDate reachedOn) {
}
