package io.attain.targets;

import io.attain.events.EventJson;
import io.attain.events.MembershipEvent;
import io.attain.events.OrgUnitEvent;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.attain.targets.SalesOrg.PROBLEM;
import static io.attain.targets.SalesOrg.TYPES;
import static io.attain.targets.SalesOrg.asAdmin;
import static io.attain.targets.SalesOrg.asManager;
import static io.attain.targets.SalesOrg.asRep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class OrgChangesResourceTest {

    @Test
    void shouldMoveARepFromADateKeepingTheHistoryAndPublishTheNewMembership() throws Exception {
        SalesOrg org = SalesOrg.create();
        asAdmin().body("{\"orgUnitId\":\"" + org.teamB() + "\",\"effectiveFrom\":\"2026-07-01\"}")
                .when().post("/api/targets/members/" + org.repA1() + "/moves")
                .then().statusCode(200).body("orgUnitId", equalTo(org.teamB()))
                .body("effectiveFrom", equalTo("2026-07-01")).body("effectiveTo", nullValue())
                .body("role", equalTo("REP")).body("version", equalTo(1));

        asAdmin().when().get("/api/targets/members/" + org.repA1() + "/memberships")
                .then().statusCode(200)
                .body("memberships.size()", equalTo(2))
                .body("memberships[0].orgUnitId", equalTo(org.teamA()))
                .body("memberships[0].effectiveFrom", equalTo("2026-01-01"))
                .body("memberships[0].effectiveTo", equalTo("2026-06-30"))
                .body("memberships[1].orgUnitId", equalTo(org.teamB()))
                .body("memberships[1].effectiveFrom", equalTo("2026-07-01"))
                .body("memberships[1].effectiveTo", nullValue())
                .body("memberships[1].createdBy", equalTo("admin-1"));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.ORG_EVENTS,
                r -> r.key().equals(org.repA1()), 2, Duration.ofSeconds(20));
        assertThat(events).hasSize(2);
        MembershipEvent moved = EventJson.mapper().readValue(events.get(1).value(), MembershipEvent.class);
        assertThat(moved.version()).isEqualTo(1);
        assertThat(moved.orgUnitId()).isEqualTo(UUID.fromString(org.teamB()));
        assertThat(moved.orgUnitPath()).containsExactly(UUID.fromString(org.company()),
                UUID.fromString(org.department()), UUID.fromString(org.teamB()));
        assertThat(moved.effectiveFrom()).hasToString("2026-07-01");
    }

    @Test
    void shouldRefuseMovesThatBreakTheHistoryOrNameUnknownUnits() {
        SalesOrg org = SalesOrg.create();
        String moves = "/api/targets/members/" + org.repA1() + "/moves";
        asAdmin().body("{\"orgUnitId\":\"" + org.teamB() + "\",\"effectiveFrom\":\"2026-01-01\"}").when().post(moves)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "membership-date-conflict"))
                .body("errors.field", hasItem("effectiveFrom"));
        asAdmin().body("{\"orgUnitId\":\"" + UUID.randomUUID() + "\",\"effectiveFrom\":\"2026-07-01\"}").when().post(moves)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("orgUnitId"));
        asAdmin().body("{\"orgUnitId\":\"" + org.teamA() + "\",\"effectiveFrom\":\"2026-07-01\"}").when().post(moves)
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "membership-unchanged"));
        asAdmin().body("{\"orgUnitId\":\"" + org.teamB() + "\"}").when().post("/api/targets/members/nobody-" + UUID.randomUUID() + "/moves")
                .then().statusCode(404).contentType(PROBLEM);
        asRep(org.repA1()).body("{\"orgUnitId\":\"" + org.teamB() + "\"}").when().post(moves)
                .then().statusCode(403).contentType(PROBLEM);
        asManager(org.managerA()).body("{\"orgUnitId\":\"" + org.teamB() + "\"}").when().post(moves)
                .then().statusCode(403).contentType(PROBLEM);
        // nothing was written by the refused moves
        asAdmin().when().get("/api/targets/members/" + org.repA1() + "/memberships")
                .then().statusCode(200).body("memberships.size()", equalTo(1));
        asAdmin().when().get("/api/targets/members/" + org.repA1()).then().statusCode(200).body("version", equalTo(0));
    }

    @Test
    void shouldMoveAUnitWithItsSubtreeAndRepublishEveryChangedPath() throws Exception {
        SalesOrg org = SalesOrg.create();
        String other = OrgUnitResourceTest.createUnit("{\"name\":\"线上销售部\",\"kind\":\"DEPARTMENT\",\"parentId\":\""
                + org.company() + "\"}");
        String squad = OrgUnitResourceTest.createUnit("{\"name\":\"Squad\",\"kind\":\"TEAM\",\"parentId\":\"" + org.teamA() + "\"}");

        asAdmin().body("{\"parentId\":\"" + other + "\"}").when().post("/api/targets/org-units/" + org.teamA() + "/move")
                .then().statusCode(200).body("parentId", equalTo(other))
                .body("path", equalTo(List.of(org.company(), other, org.teamA())));
        asAdmin().when().get("/api/targets/org-units/" + squad).then().statusCode(200)
                .body("path", equalTo(List.of(org.company(), other, org.teamA(), squad)));

        List<ConsumerRecord<String, String>> squadEvents = EventProbe.read(Topics.ORG_EVENTS,
                r -> r.key().equals(squad), 2, Duration.ofSeconds(20));
        assertThat(squadEvents).hasSize(2);
        OrgUnitEvent squadMoved = EventJson.mapper().readValue(squadEvents.get(1).value(), OrgUnitEvent.class);
        assertThat(squadMoved.path()).containsExactly(UUID.fromString(org.company()), UUID.fromString(other),
                UUID.fromString(org.teamA()), UUID.fromString(squad));
        assertThat(squadMoved.version()).isEqualTo(1);
        // the team's reps are republished with the new path
        List<ConsumerRecord<String, String>> repEvents = EventProbe.read(Topics.ORG_EVENTS,
                r -> r.key().equals(org.repA2()), 2, Duration.ofSeconds(20));
        assertThat(repEvents).hasSize(2);
        MembershipEvent rep = EventJson.mapper().readValue(repEvents.get(1).value(), MembershipEvent.class);
        assertThat(rep.version()).isEqualTo(1);
        assertThat(rep.orgUnitPath()).containsExactly(UUID.fromString(org.company()), UUID.fromString(other),
                UUID.fromString(org.teamA()));
    }

    @Test
    void shouldRefuseCyclesAndRootMoves() {
        SalesOrg org = SalesOrg.create();
        asAdmin().body("{\"parentId\":\"" + org.teamA() + "\"}").when().post("/api/targets/org-units/" + org.department() + "/move")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "org-cycle"))
                .body("errors.field", hasItem("parentId"));
        asAdmin().body("{\"parentId\":\"" + org.teamA() + "\"}").when().post("/api/targets/org-units/" + org.teamA() + "/move")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "org-cycle"));
        asAdmin().body("{\"parentId\":\"" + org.teamA() + "\"}").when().post("/api/targets/org-units/" + org.company() + "/move")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "org-root-cannot-move"));
        asAdmin().body("{\"parentId\":\"" + UUID.randomUUID() + "\"}").when().post("/api/targets/org-units/" + org.teamA() + "/move")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("parentId"));
        asAdmin().body("{\"parentId\":\"" + org.company() + "\"}").when().post("/api/targets/org-units/" + UUID.randomUUID() + "/move")
                .then().statusCode(404).contentType(PROBLEM);
        asAdmin().body("{}").when().post("/api/targets/org-units/" + org.teamA() + "/move")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("parentId"));
        asAdmin().when().get("/api/targets/org-units/" + org.department()).then().statusCode(200)
                .body("parentId", equalTo(org.company())).body("version", equalTo(0));
    }

    @Test
    void shouldDeactivateOnlyEmptyUnitsAndClosedMembersStayInHistory() throws Exception {
        SalesOrg org = SalesOrg.create();
        asAdmin().when().post("/api/targets/org-units/" + org.teamB() + "/deactivate")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPES + "org-unit-not-empty"));

        asAdmin().body("{\"effectiveTo\":\"2025-12-31\"}").when().post("/api/targets/members/" + org.repB() + "/deactivate")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "membership-date-conflict"));
        asAdmin().body("{\"effectiveTo\":\"2026-09-30\"}").when().post("/api/targets/members/" + org.repB() + "/deactivate")
                .then().statusCode(200).body("active", equalTo(false)).body("effectiveTo", equalTo("2026-09-30"));
        asAdmin().body("{\"orgUnitId\":\"" + org.teamA() + "\"}").when().post("/api/targets/members/" + org.repB() + "/moves")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPES + "member-inactive"));

        asAdmin().when().post("/api/targets/org-units/" + org.teamB() + "/deactivate")
                .then().statusCode(200).body("active", equalTo(false));
        asAdmin().when().post("/api/targets/org-units/" + org.teamB() + "/deactivate")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPES + "org-unit-inactive"));
        asAdmin().body("{\"memberId\":\"late-" + UUID.randomUUID() + "\",\"displayName\":\"Late\",\"orgUnitId\":\""
                        + org.teamB() + "\",\"role\":\"REP\"}").when().post("/api/targets/members")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPES + "org-unit-inactive"));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.ORG_EVENTS,
                r -> r.key().equals(org.teamB()), 2, Duration.ofSeconds(20));
        assertThat(EventJson.mapper().readValue(events.getLast().value(), OrgUnitEvent.class).active()).isFalse();
        List<ConsumerRecord<String, String>> left = EventProbe.read(Topics.ORG_EVENTS,
                r -> r.key().equals(org.repB()), 2, Duration.ofSeconds(20));
        assertThat(EventJson.mapper().readValue(left.getLast().value(), MembershipEvent.class).effectiveTo())
                .hasToString("2026-09-30");
    }

    @Test
    void shouldHandAUnitToAnotherManagerWhoThenManagesItsTargets() throws Exception {
        SalesOrg org = SalesOrg.create();
        String newManager = "new-mgr-" + UUID.randomUUID();
        String target = AdjustmentResourceTest.draftTarget(org, "2026-01-01", "2026-12-31");
        asManager(newManager).when().get("/api/targets/targets/" + target).then().statusCode(404);
        asAdmin().body("{\"managerId\":\"" + newManager + "\"}").when().post("/api/targets/org-units/" + org.teamA() + "/manager")
                .then().statusCode(200).body("managerId", equalTo(newManager)).body("version", equalTo(1));
        asManager(newManager).when().get("/api/targets/targets/" + target).then().statusCode(200);
        asManager(org.managerA()).when().get("/api/targets/targets/" + target).then().statusCode(404);
        asAdmin().body("{\"managerId\":\"" + newManager + "\"}").when().post("/api/targets/org-units/" + org.teamA() + "/manager")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(TYPES + "org-unit-unchanged"));
        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.ORG_EVENTS,
                r -> r.key().equals(org.teamA()), 2, Duration.ofSeconds(20));
        assertThat(EventJson.mapper().readValue(events.getLast().value(), OrgUnitEvent.class).managerId()).isEqualTo(newManager);
    }
}
