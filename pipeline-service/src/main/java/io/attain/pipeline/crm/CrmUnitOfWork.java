package io.attain.pipeline.crm;

import io.attain.pipeline.domain.Account;
import io.attain.pipeline.domain.Deal;
import io.attain.pipeline.domain.Stage;
import io.attain.support.outbox.Outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One transaction's worth of CRM deliveries: what {@link CrmStore} read (under the deals' locks) before the events
 * are applied, and everything the events change, written back by {@link CrmStore#save} in a few batched statements.
 * The events of a delivery are applied to it one after another in memory, so a later event of the same deal sees
 * the earlier one's effect exactly as if each had been written on its own.
 */
final class CrmUnitOfWork {

    record DealKey(String crmSystem, String crmDealId) {
    }

    record AccountKey(String crmSystem, String externalId) {
    }

    /** A CRM user as mapped: {@code crmUser} normalised like {@link CrmUserMapping#normalise}. */
    record UserKey(String crmSystem, String crmUser) {
    }

    /** A stage change to record in the deal's history. */
    record Transition(UUID dealId, Stage from, Stage to, Instant at, String actor) {
    }

    /** Accepted events of the delivering client by event id: read from the table, then those accepted here. */
    final Map<String, CrmEventRecord> seen = new HashMap<>();
    /** Attain user ids of the CRM users the events name; a user not in here is not mapped. */
    final Map<UserKey, String> users = new HashMap<>();
    /** The CRM's deals the events are about that exist (locked for update), then those created here. */
    final Map<DealKey, Deal> deals = new HashMap<>();
    /** Accounts by CRM id that exist, then those created here. */
    final Map<AccountKey, UUID> accounts = new HashMap<>();

    // ---- what to write -----------------------------------------------------------------------------------------
    final List<Account> newAccounts = new ArrayList<>();
    /** Deals to insert (with their splits), in their final state after every event here. */
    final Map<UUID, Deal> created = new LinkedHashMap<>();
    /** Existing deals to update, in their final state. */
    final Map<UUID, Deal> updated = new LinkedHashMap<>();
    /** Existing deals whose splits are replaced. */
    final Set<UUID> splitsReplaced = new LinkedHashSet<>();
    final List<Transition> transitions = new ArrayList<>();
    /** Deal events in the order of the changes, so each deal's events keep their order in the outbox. */
    final List<Outbox.Message> events = new ArrayList<>();
    final List<CrmEventRecord> records = new ArrayList<>();

    void accept(CrmEventRecord record) {
        seen.put(record.eventId, record);
        records.add(record);
    }

    /** Marks an existing (or newly created) deal as changed. */
    void changed(Deal deal) {
        if (!created.containsKey(deal.id)) {
            updated.put(deal.id, deal);
        }
    }

    void splitsChanged(Deal deal) {
        if (!created.containsKey(deal.id)) {
            splitsReplaced.add(deal.id);
        }
    }
}
