package io.attain.targets;

import io.attain.events.CloudEventHeaders;
import io.attain.events.EventTypes;
import io.attain.events.Money;
import io.attain.events.TargetEvent;
import io.attain.events.Topics;
import io.attain.testing.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
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
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AdjustmentResourceTest {

    static final String TARGETS = "/api/targets/targets/";

    /** A published revenue target of 1,000,000 CNY for rep A1 of team A over {@code from}..{@code to}. */
    static String publishedTarget(SalesOrg org, String from, String to) {
        String id = draftTarget(org, from, to);
        asAdmin().when().post(TARGETS + id + "/publish").then().statusCode(200);
        return id;
    }

    static String draftTarget(SalesOrg org, String from, String to) {
        return asAdmin().body("{\"metric\":\"REVENUE\",\"orgUnitId\":\"" + org.teamA() + "\",\"memberId\":\"" + org.repA1()
                        + "\",\"periodStart\":\"" + from + "\",\"periodEnd\":\"" + to
                        + "\",\"value\":{\"amount\":\"1000000.00\",\"currency\":\"CNY\"}}")
                .when().post("/api/targets/targets").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.Response adjust(RequestSpecification as, String target, String amount, String reason) {
        return as.body("{\"newValue\":{\"amount\":\"" + amount + "\",\"currency\":\"CNY\"},\"reason\":\"" + reason + "\"}")
                .when().post(TARGETS + target + "/adjustments");
    }

    @Test
    void shouldApplyASmallAdjustmentAtOnceAndPublishTargetAdjusted() throws Exception {
        SalesOrg org = SalesOrg.create();
        String target = publishedTarget(org, "2026-01-01", "2027-12-31");
        adjust(asManager(org.managerA()), target, "1050000.00", "大客户追加预算")
                .then().statusCode(201).header("Location", notNullValue())
                .body("status", equalTo("APPLIED")).body("oldValue.amount", equalTo("1000000.00"))
                .body("newValue.amount", equalTo("1050000.00")).body("changeRatio", equalTo(0.05f))
                .body("requestedBy", equalTo(org.managerA())).body("reason", equalTo("大客户追加预算"))
                .body("appliedVersion", equalTo(2));
        asRep(org.repA1()).when().get(TARGETS + target).then().statusCode(200)
                .body("value.amount", equalTo("1050000.00")).body("version", equalTo(2));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.TARGET_EVENTS,
                r -> r.key().equals(target), 2, Duration.ofSeconds(20));
        assertThat(events).hasSize(2);
        assertThat(EventProbe.header(events.get(1), CloudEventHeaders.TYPE)).isEqualTo(EventTypes.TARGET_ADJUSTED);
        TargetEvent adjusted = PlanResourceTest.event(events.get(1));
        assertThat(adjusted.version()).isEqualTo(2);
        assertThat(adjusted.value()).isEqualTo(Money.of("1050000", "CNY"));
        assertThat(adjusted.previousValue()).isEqualTo(Money.of("1000000", "CNY"));
        assertThat(adjusted.reason()).isEqualTo("大客户追加预算");
        assertThat(adjusted.actor()).isEqualTo(org.managerA());
    }

    @Test
    void shouldHoldALargeAdjustmentUntilAHigherManagerApproves() throws Exception {
        SalesOrg org = SalesOrg.create();
        String target = publishedTarget(org, "2026-01-01", "2027-12-31");
        String adjustment = adjust(asManager(org.managerA()), target, "1300000.00", "new territory")
                .then().statusCode(201).body("status", equalTo("PENDING")).body("appliedVersion", nullValue())
                .extract().path("id");
        asAdmin().when().get(TARGETS + target).then().body("value.amount", equalTo("1000000.00"));
        adjust(asManager(org.managerA()), target, "1010000.00", "meanwhile")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPES + "adjustment-pending"));

        String approve = TARGETS + target + "/adjustments/" + adjustment + "/approve";
        asManager(org.managerA()).body("{}").when().post(approve)
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo(TYPES + "forbidden"));
        asManager(org.managerB()).body("{}").when().post(approve).then().statusCode(404).contentType(PROBLEM);
        asRep(org.repA1()).body("{}").when().post(approve).then().statusCode(403).contentType(PROBLEM);
        asManager(org.deptManager()).body("{\"note\":\"ok, territory confirmed\"}").when().post(approve)
                .then().statusCode(200).body("status", equalTo("APPLIED")).body("decidedBy", equalTo(org.deptManager()))
                .body("decisionNote", equalTo("ok, territory confirmed")).body("appliedVersion", equalTo(2));
        asManager(org.deptManager()).body("{}").when().post(approve)
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(TYPES + "adjustment-not-pending"));
        asAdmin().when().get(TARGETS + target).then().body("value.amount", equalTo("1300000.00"));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.TARGET_EVENTS,
                r -> r.key().equals(target), 2, Duration.ofSeconds(20));
        TargetEvent adjusted = PlanResourceTest.event(events.get(1));
        assertThat(adjusted.previousValue()).isEqualTo(Money.of("1000000", "CNY"));
        assertThat(adjusted.value()).isEqualTo(Money.of("1300000", "CNY"));
    }

    @Test
    void shouldLetOnlyAdminsOverruleTheHighestManagerAndKeepRejectionsInHistory() {
        SalesOrg org = SalesOrg.create();
        String target = publishedTarget(org, "2026-01-01", "2027-12-31");
        String adjustment = adjust(asManager(org.deptManager()), target, "500000.00", "market shrank")
                .then().statusCode(201).body("status", equalTo("PENDING")).body("changeRatio", equalTo(-0.5f))
                .extract().path("id");
        String base = TARGETS + target + "/adjustments/" + adjustment;
        asManager(org.managerA()).body("{}").when().post(base + "/approve").then().statusCode(403).contentType(PROBLEM);
        asManager(org.managerA()).body("{}").when().post(base + "/reject").then().statusCode(403).contentType(PROBLEM);
        asAdmin().body("{\"note\":\"keep the target\"}").when().post(base + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("decidedBy", equalTo("admin-1"));
        asAdmin().when().get(TARGETS + target).then().body("value.amount", equalTo("1000000.00")).body("version", equalTo(1));

        adjust(asManager(org.managerA()), target, "1020000.00", "small fix").then().statusCode(201).body("status", equalTo("APPLIED"));
        asRep(org.repA1()).when().get(TARGETS + target + "/adjustments").then().statusCode(200)
                .body("version", equalTo(2)).body("adjustments.size()", equalTo(2))
                .body("adjustments[0].status", equalTo("REJECTED")).body("adjustments[0].reason", equalTo("market shrank"))
                .body("adjustments[0].newValue.amount", equalTo("500000.00"))
                .body("adjustments[1].status", equalTo("APPLIED")).body("adjustments[1].oldValue.amount", equalTo("1000000.00"));
        asRep(org.repA2()).when().get(TARGETS + target + "/adjustments").then().statusCode(404).contentType(PROBLEM);
        asManager(org.managerB()).when().get(TARGETS + target + "/adjustments").then().statusCode(404);
    }

    @Test
    void shouldRefuseAdjustmentsOfDraftsClosedPeriodsAndBadValues() {
        SalesOrg org = SalesOrg.create();
        String draft = draftTarget(org, "2026-01-01", "2027-12-31");
        adjust(asAdmin(), draft, "1100000.00", "x").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "target-not-published"));
        String closed = publishedTarget(org, "2024-01-01", "2024-12-31");
        adjust(asAdmin(), closed, "1010000.00", "late").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "period-closed"));

        String target = publishedTarget(org, "2026-01-01", "2027-12-31");
        adjust(asManager(org.managerA()), target, "-5.00", "x").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("newValue.amount"));
        adjust(asManager(org.managerA()), target, "0", "x").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("newValue.amount"));
        adjust(asManager(org.managerA()), target, "1000000.00", "x").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "adjustment-unchanged"));
        adjust(asManager(org.managerA()), target, "1000000.00", " ").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("reason"));
        asManager(org.managerA()).body("{\"newValue\":{\"amount\":\"1010000\",\"currency\":\"USD\"},\"reason\":\"fx\"}")
                .when().post(TARGETS + target + "/adjustments").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(TYPES + "unit-mismatch"));
        asManager(org.managerA()).body("{\"newQuantity\":5,\"reason\":\"x\"}")
                .when().post(TARGETS + target + "/adjustments").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("newQuantity"));
        adjust(asManager(org.managerB()), target, "1010000.00", "not mine").then().statusCode(404).contentType(PROBLEM);
        adjust(asRep(org.repA1()), target, "1010000.00", "mine").then().statusCode(403).contentType(PROBLEM);
        asManager(org.managerA()).body("{}").when()
                .post(TARGETS + target + "/adjustments/" + UUID.randomUUID() + "/approve").then().statusCode(404);
        asAdmin().when().get(TARGETS + target + "/adjustments").then().statusCode(200)
                .body("adjustments.size()", equalTo(0)).body("version", equalTo(1));
    }
}
