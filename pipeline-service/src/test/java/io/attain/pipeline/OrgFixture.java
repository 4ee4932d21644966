package io.attain.pipeline;

import io.attain.support.org.OrgDirectory;
import io.attain.testing.CloudEvents;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * Builds org units and memberships the way targets-service announces them — CloudEvents on
 * {@code targets.org-events.v1} — and waits until this service's org read model has applied them.
 */
public final class OrgFixture {

    /** Membership versions only ever grow, so a member moved by a later test is not taken for a stale event. */
    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());

    private OrgFixture() {
    }

    /** A new unit under {@code parent} (or a root) managed by {@code manager}, with {@code members} as reps. */
    public static UUID unit(UUID parent, String manager, String... members) {
        UUID unit = UUID.randomUUID();
        CloudEvents.sendOrgUnit(unit, 0, "unit " + unit, parent, manager);
        for (String member : members) {
            CloudEvents.sendMembership(member, VERSIONS.incrementAndGet(), unit, "REP");
        }
        OrgDirectory directory = Arc.container().instance(OrgDirectory.class).get();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> directory.knowsUnit(unit)
                        && directory.membersOf(unit, false).containsAll(Set.of(members))));
        return unit;
    }

    /** A new root-level team managed by {@code manager}. */
    public static UUID team(String manager, String... members) {
        return unit(null, manager, members);
    }
}
