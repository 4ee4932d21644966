package io.attain.pipeline.crm;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.attain.events.Money;
import io.attain.pipeline.domain.Account;
import io.attain.pipeline.domain.Stage;
import io.attain.support.problem.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Bodies of the CRM ingestion endpoints. Unknown fields are refused like everywhere else. */
public final class CrmDtos {

    /**
     * One CRM event: the full snapshot of one CRM deal as the CRM holds it after a change.
     *
     * @param eventId      the CRM's id of this event; a repeat (per client) is answered with the first result
     * @param crmSystem    the CRM's name, e.g. {@code salesforce}; letters, digits, {@code . _ -}
     * @param crmDealId    the deal's id in that CRM
     * @param crmVersion   the CRM's version of the deal, increasing with each change
     * @param crmUpdatedAt when the CRM changed the deal; orders deliveries whose versions are equal or absent
     */
    @Schema(description = "A CRM deal event: the deal's full snapshot in the CRM after a change. At least one of "
            + "crmVersion and crmUpdatedAt is required; the deal is updated only when they are newer than the last "
            + "applied delivery's.")
    public record CrmDealEvent(
            @NotBlank @Size(max = 200) String eventId,
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,50}", message = "must be 1-50 letters, digits, '.', '_' or '-'")
            String crmSystem,
            @NotBlank @Size(max = 200) String crmDealId,
            @PositiveOrZero Long crmVersion,
            Instant crmUpdatedAt,
            @NotNull @Valid CrmDeal deal) {
    }

    /**
     * The deal as the CRM holds it; every field is replaced on each applied delivery.
     *
     * @param account     the customer, found (or created) by its CRM id; absent for none
     * @param owner       the owning CRM user, mapped to an Attain user (see the user mappings)
     * @param probability absent: the stage's default
     * @param splits      credit splits by CRM user; absent: the owner 100%
     */
    public record CrmDeal(
            @NotBlank @Size(max = 300) String name,
            @Valid CrmAccount account,
            @NotNull @Valid CrmUser owner,
            @NotNull @Valid Money amount,
            @NotBlank @Size(max = 100) String productLine,
            @Size(max = 50) String channel,
            @Size(max = 100) String region,
            @Size(max = 50) String customerTier,
            Boolean newCustomer,
            LocalDate expectedCloseDate,
            @NotNull Stage stage,
            @Min(0) @Max(100) Integer probability,
            Stage.ForecastCategory forecastCategory,
            List<@NotNull @Valid CrmSplit> splits) {
    }

    /** The customer; created on first sight with these fields, owned by the deal's owner. */
    public record CrmAccount(
            @NotBlank @Size(max = 200) String externalId,
            @NotBlank @Size(max = 300) String name,
            @Size(max = 100) String industry,
            @Size(max = 100) String region,
            Account.Tier tier,
            Account.Segment segment,
            Account.SizeBand size) {
    }

    /** A CRM user, by the CRM's user id or e-mail address (at least one); the id is tried first. */
    public record CrmUser(@Size(max = 200) String externalId, @Email @Size(max = 254) String email) {
    }

    /** One share of the credit, in percent with at most four decimals. */
    public record CrmSplit(@NotNull @Valid CrmUser user, @NotNull BigDecimal percent) {
    }

    /** What became of one event. */
    public enum Outcome {
        /** The snapshot was newer than the deal's and is now the deal (events published for what changed). */
        APPLIED,
        /** The event id was seen before: {@code originalResult} and the deal fields are the first delivery's. */
        DUPLICATE,
        /** An older CRM version than the one applied: acknowledged, nothing changed. */
        IGNORED_STALE,
        /** Not accepted: {@code problem} says why; nothing was changed or recorded, send it again once fixed. */
        REJECTED
    }

    /**
     * @param index          the event's position in a batch (absent for a single delivery)
     * @param dealVersion    the Attain deal's version after this event (for a duplicate: after the first delivery)
     * @param originalResult for a duplicate: the first delivery's result
     * @param acceptedAt     when the event (for a duplicate: its first delivery) was accepted
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CrmEventResult(Integer index, String eventId, Outcome result, Outcome originalResult, UUID dealId,
                                 Long dealVersion, Instant acceptedAt, Problem problem) {

        CrmEventResult at(int position) {
            return new CrmEventResult(position, eventId, result, originalResult, dealId, dealVersion, acceptedAt, problem);
        }
    }

    /** Per-event results of a batch, in the order sent, with counts per outcome. */
    public record CrmBatchResult(int applied, int duplicate, int ignoredStale, int rejected, List<CrmEventResult> results) {
        static CrmBatchResult of(List<CrmEventResult> results) {
            return new CrmBatchResult(count(results, Outcome.APPLIED), count(results, Outcome.DUPLICATE),
                    count(results, Outcome.IGNORED_STALE), count(results, Outcome.REJECTED), results);
        }

        private static int count(List<CrmEventResult> results, Outcome outcome) {
            return (int) results.stream().filter(r -> r.result() == outcome).count();
        }
    }

    /** @param userId the Keycloak user id the CRM user is in Attain */
    public record SaveUserMapping(@NotBlank @Size(max = 100) String userId) {
    }

    public record UserMappingView(String crmSystem, String crmUser, String userId, Instant updatedAt, String updatedBy) {
        static UserMappingView of(CrmUserMapping mapping) {
            return new UserMappingView(mapping.crmSystem, mapping.crmUser, mapping.userId, mapping.updatedAt,
                    mapping.updatedBy);
        }
    }

    private CrmDtos() {
    }
}
