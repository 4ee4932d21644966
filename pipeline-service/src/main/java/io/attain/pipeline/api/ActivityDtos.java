package io.attain.pipeline.api;

import io.attain.pipeline.domain.Activity;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of {@link ActivityResource}. The owner is always the caller; id and times are the server's. */
public final class ActivityDtos {

    /**
     * @param dealId     the deal it concerns; with {@code accountId} or instead of it
     * @param accountId  the account it concerns; absent with a deal: the deal's account
     * @param occurredAt when it happened; absent: now. Not in the future
     */
    public record RecordActivity(
            @NotNull Activity.Type type,
            UUID dealId,
            UUID accountId,
            Instant occurredAt,
            @Size(max = 2000) String notes) {
    }

    /**
     * A correction of a recorded activity: its type, time and notes are replaced. The deal and account it concerns and
     * who did it stay; record a new activity (and delete this one) for another deal.
     *
     * @param occurredAt when it happened; not in the future
     */
    public record ChangeActivity(
            @NotNull Activity.Type type,
            @NotNull Instant occurredAt,
            @Size(max = 2000) String notes) {
    }

    public record ActivityView(UUID id, Activity.Type type, UUID dealId, UUID accountId, String ownerId,
                               Instant occurredAt, String notes, long version, Instant createdAt, Instant updatedAt) {
        public static ActivityView of(Activity activity) {
            return new ActivityView(activity.id, activity.type, activity.dealId, activity.accountId, activity.ownerId,
                    activity.occurredAt, activity.notes, activity.version, activity.createdAt, activity.updatedAt);
        }
    }

    private ActivityDtos() {
    }
}
