/**
 * Attainment and pacing (达成率 / 进度监控): the plain-Java calculations (expected-to-date by seasonality,
 * pace status, milestones, leaderboard ranking, funnel rates learned from deal history) and the SQL that
 * aggregates the actuals read model ({@link io.attain.targets.attainment.ActualsQuery}) and keeps the per-unit
 * rollup ({@link io.attain.targets.attainment.ActualsRollup}), plain JDBC so the benchmark under {@code bench/}
 * measures the very statements the service runs. No framework types here.
 */
package io.attain.targets.attainment;
