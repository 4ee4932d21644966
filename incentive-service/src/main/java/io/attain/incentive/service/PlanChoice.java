package io.attain.incentive.service;

import io.attain.incentive.domain.Plan;
import io.attain.incentive.domain.PlanAssignment;
import io.attain.incentive.domain.PlanVersionEntity;
import io.attain.incentive.domain.commission.PlanVersion;

/**
 * The plan that pays a member on a day: the assignment, the plan, the version in effect, and that version
 * as the engine applies it.
 */
public record PlanChoice(PlanAssignment assignment, Plan plan, PlanVersionEntity version, PlanVersion terms) {
}
