package io.attain.pipeline.analytics;

import java.time.Instant;
import java.util.UUID;

/** One recorded stage change of a deal; {@code fromStage} is {@code null} for the deal's creation. */
public record StageStep(UUID dealId, String fromStage, String toStage, Instant at) {
}
