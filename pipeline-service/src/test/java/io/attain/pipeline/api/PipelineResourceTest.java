package io.attain.pipeline.api;

import io.attain.events.CloudEventHeaders;
import io.attain.events.DealEvent;
import io.attain.events.EventJson;
import io.attain.events.EventTypes;
import io.attain.events.Topics;
import io.attain.pipeline.OrgFixture;
import io.attain.testing.EventProbe;
import io.attain.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class PipelineResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String PIPELINES = "/api/pipeline/pipelines";
    private static final String DEALS = "/api/pipeline/deals";
    private static final String DEFAULT_ID = "00000000-0000-4000-8000-000000000001";
    private static final String ADMIN = "admin-1";

    /** Three open stages (spread over LEAD, NEEDS_ANALYSIS, NEGOTIATION), then won, collected, lost. */
    static final String TEAM_STAGES = "[{\"name\":\"线索\",\"probability\":10,\"kind\":\"OPEN\"},"
            + "{\"name\":\"拜访\",\"probability\":30,\"kind\":\"OPEN\"},"
            + "{\"name\":\"谈判\",\"probability\":70,\"kind\":\"OPEN\"},"
            + "{\"name\":\"签约\",\"probability\":100,\"kind\":\"WON\"},"
            + "{\"name\":\"回款\",\"probability\":100,\"kind\":\"COLLECTED\"},"
            + "{\"name\":\"输单\",\"probability\":0,\"kind\":\"LOST\"}]";

    @Test
    void shouldServeTheDefaultFunnelAsReadOnlyDefaultPipeline() {
        TestTokens.as("rep-" + UUID.randomUUID(), "rep").when().get(PIPELINES + "/" + DEFAULT_ID).then().statusCode(200)
                .body("builtIn", equalTo(true))
                .body("stages.name", contains("LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON",
                        "COLLECTED", "LOST"))
                .body("stages.probability", contains(10, 20, 40, 60, 80, 100, 100, 0))
                .body("stages.kind", contains("OPEN", "OPEN", "OPEN", "OPEN", "OPEN", "WON", "COLLECTED", "LOST"))
                .body("stages.order", contains(1, 2, 3, 4, 5, 6, 7, 8));
        TestTokens.as("rep-" + UUID.randomUUID(), "rep").when().get(PIPELINES).then().statusCode(200)
                .body("items[0].id", equalTo(DEFAULT_ID));
        save(ADMIN, "admin", DEFAULT_ID, "*", pipeline("renamed default", null, TEAM_STAGES)).then().statusCode(409)
                .contentType(PROBLEM).body("type", endsWith("/built-in-pipeline"));
        TestTokens.as(ADMIN, "admin").when().delete(PIPELINES + "/" + DEFAULT_ID).then().statusCode(409)
                .contentType(PROBLEM);
        String rep = "rep-" + UUID.randomUUID();
        String deal = DealResourceTest.createDeal(rep, "100.00");
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal).then().body("pipelineId", equalTo(DEFAULT_ID))
                .body("pipelineStage", equalTo("LEAD"));
    }

    @Test
    void shouldRunTeamDealsThroughTheirPipelineAndPublishFunnelStages() throws Exception {
        String team = UUID.randomUUID().toString();
        String pipelineId = create(pipeline("华东团队流程 " + team, team, TEAM_STAGES));
        TestTokens.as(ADMIN, "admin").when().get(PIPELINES + "?orgUnitId=" + team).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].stages.funnelStage",
                        contains("LEAD", "NEEDS_ANALYSIS", "NEGOTIATION", "WON", "COLLECTED", "LOST"));

        String rep = "rep-" + UUID.randomUUID();
        String deal = DealResourceTest.post(rep, DealResourceTest.dealBody("50000.00", ",\"pipelineId\":\"" + pipelineId + "\""))
                .then().statusCode(201).body("stage", equalTo("LEAD")).body("pipelineStage", equalTo("线索"))
                .body("pipelineId", equalTo(pipelineId)).body("probability", equalTo(10))
                .body("allowedNextStages", contains("拜访", "谈判", "签约", "输单")).extract().path("id");

        DealResourceTest.move(rep, deal, "拜访").then().statusCode(200).body("stage", equalTo("NEEDS_ANALYSIS"))
                .body("pipelineStage", equalTo("拜访")).body("probability", equalTo(30));
        DealResourceTest.move(rep, deal, "回款").then().statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/illegal-stage-transition"))
                .body("detail", containsString("allowed: 线索, 谈判, 签约, 输单"));
        // The funnel's names are not this pipeline's stages.
        DealResourceTest.move(rep, deal, "PROPOSAL").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("stage")).body("detail", containsString("线索, 拜访, 谈判, 签约, 回款, 输单"));
        DealResourceTest.move(rep, deal, "签约").then().statusCode(200).body("stage", equalTo("WON"))
                .body("allowedNextStages", contains("输单"));
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal + "/history").then().statusCode(200)
                .body("fromPipelineStage", contains(nullValue(), equalTo("线索"), equalTo("拜访")))
                .body("toPipelineStage", contains("线索", "拜访", "签约"))
                .body("to", contains("LEAD", "NEEDS_ANALYSIS", "WON"));
        TestTokens.as(rep, "rep").when().get(DEALS + "?pipelineId=" + pipelineId).then().statusCode(200)
                .body("total", equalTo(1));

        List<ConsumerRecord<String, String>> events = EventProbe.read(Topics.DEAL_EVENTS, r -> r.key().equals(deal), 3,
                Duration.ofSeconds(30));
        assertThat(events).extracting(r -> EventProbe.header(r, CloudEventHeaders.TYPE)).containsExactly(
                EventTypes.DEAL_CREATED, EventTypes.DEAL_STAGE_CHANGED, EventTypes.DEAL_STAGE_CHANGED);
        DealEvent visited = EventJson.mapper().readValue(events.get(1).value(), DealEvent.class);
        assertThat(visited.previousStage()).isEqualTo("LEAD");
        assertThat(visited.deal().stage()).isEqualTo("NEEDS_ANALYSIS");
        assertThat(visited.deal().probability()).isEqualTo(30);
        DealEvent won = EventJson.mapper().readValue(events.get(2).value(), DealEvent.class);
        assertThat(won.deal().stage()).isEqualTo("WON");
        assertThat(won.deal().isBooked()).isTrue();
    }

    @Test
    void shouldKeepTheStagesDealsAreInAndPipelinesWithDeals() {
        String name = "流程 " + UUID.randomUUID();
        String pipelineId = create(pipeline(name, null, TEAM_STAGES));
        String rep = "rep-" + UUID.randomUUID();
        String deal = DealResourceTest.post(rep, DealResourceTest.dealBody("100.00", ",\"pipelineId\":\"" + pipelineId + "\""))
                .then().statusCode(201).extract().path("id");
        DealResourceTest.move(rep, deal, "拜访").then().statusCode(200);

        String withoutVisit = TEAM_STAGES.replace("{\"name\":\"拜访\",\"probability\":30,\"kind\":\"OPEN\"},", "");
        save(ADMIN, "admin", pipelineId, "\"0\"", pipeline(name, null, withoutVisit)).then().statusCode(409)
                .contentType(PROBLEM).body("type", endsWith("/pipeline-stage-in-use")).body("detail", containsString("拜访"));
        String renamedNegotiation = TEAM_STAGES.replace("谈判", "商务谈判");
        save(ADMIN, "admin", pipelineId, "\"0\"", pipeline(name, null, renamedNegotiation)).then().statusCode(200)
                .header("ETag", "\"1\"").body("stages[2].name", equalTo("商务谈判"));
        save(ADMIN, "admin", pipelineId, "\"0\"", pipeline(name, null, TEAM_STAGES)).then().statusCode(412);
        save(ADMIN, "admin", pipelineId, null, pipeline(name, null, TEAM_STAGES)).then().statusCode(428);
        TestTokens.as(rep, "rep").when().get(DEALS + "/" + deal).then().body("allowedNextStages",
                contains("线索", "商务谈判", "签约", "输单"));
        TestTokens.as(ADMIN, "admin").when().delete(PIPELINES + "/" + pipelineId).then().statusCode(409)
                .contentType(PROBLEM).body("type", endsWith("/pipeline-in-use"));

        String unused = create(pipeline("空流程 " + UUID.randomUUID(), null, TEAM_STAGES));
        TestTokens.as(ADMIN, "admin").when().delete(PIPELINES + "/" + unused).then().statusCode(204);
        TestTokens.as(ADMIN, "admin").when().get(PIPELINES + "/" + unused).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldRejectBadPipelinesWithoutSavingThem() {
        String name = "流程 " + UUID.randomUUID();
        String team = UUID.randomUUID().toString();
        create(pipeline(name, team, TEAM_STAGES));
        post(pipeline(name.toUpperCase(), null, TEAM_STAGES)).then().statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/duplicate-pipeline-name"));
        post(pipeline("other " + name, team, TEAM_STAGES)).then().statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/team-has-pipeline"));
        String bad = "bad " + name;
        post(pipeline(bad, null, TEAM_STAGES.replace(",{\"name\":\"签约\",\"probability\":100,\"kind\":\"WON\"}", "")))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("stages"));
        post(pipeline(bad, null, TEAM_STAGES.replace("\"probability\":10,", "\"probability\":101,")))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("stages[0].probability"));
        post(pipeline(bad, null, TEAM_STAGES.replace("拜访", "线索"))).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("stages[1].name"));
        post(pipeline(bad, null, TEAM_STAGES.replace("\"kind\":\"OPEN\"}", "\"kind\":\"MAYBE\"}")))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("stages[0].kind"));
        post(pipeline(bad, null, TEAM_STAGES.replace("\"kind\":\"LOST\"", "\"kind\":\"LOST\",\"funnelStage\":\"WON\"")))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("stages[5].funnelStage"));
        post(pipeline(bad, null, "[]")).then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("stages"));
        post("{\"name\":\"" + bad + "\"}").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("stages"));
        post("{\"name\":\"" + bad + "\",\"stages\":" + TEAM_STAGES + ",\"builtIn\":true}").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("builtIn"));
        post("{\"name\":\"" + bad + "\",\"stages\":" + TEAM_STAGES + ",\"id\":\"" + UUID.randomUUID() + "\"}")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("id"));
        post(pipeline(bad, "not-a-uuid", TEAM_STAGES)).then().statusCode(400).contentType(PROBLEM);
        post("{\"name\":").then().statusCode(400).contentType(PROBLEM);
        TestTokens.as("rep-1", "rep").contentType(ContentType.JSON).body(pipeline(bad, null, TEAM_STAGES))
                .when().post(PIPELINES).then().statusCode(403).contentType(PROBLEM);
        TestTokens.as(ADMIN, "admin").when().get(PIPELINES + "?orgUnitId=nope").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("orgUnitId"));
        TestTokens.as(ADMIN, "admin").when().get(PIPELINES + "?size=1000").then().statusCode(400).contentType(PROBLEM);
        TestTokens.as(ADMIN, "admin").when().get(PIPELINES).then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.not(hasItem(bad)));
    }

    @Test
    void shouldRunANewDealThroughItsOwnersTeamPipelineOrTheNearestOneAboveIt() {
        String ownTeamRep = "rep-" + UUID.randomUUID();
        String departmentRep = "rep-" + UUID.randomUUID();
        String unassignedRep = "rep-" + UUID.randomUUID();
        String manager = "mgr-" + UUID.randomUUID();
        UUID department = OrgFixture.unit(null, manager);
        UUID teamWithPipeline = OrgFixture.unit(department, "mgr-" + UUID.randomUUID(), ownTeamRep);
        OrgFixture.unit(department, "mgr-" + UUID.randomUUID(), departmentRep);
        OrgFixture.team("mgr-" + UUID.randomUUID(), unassignedRep);
        String departmentPipeline = create(pipeline("部门流程 " + department, department.toString(), TEAM_STAGES));
        String teamPipeline = create(pipeline("团队流程 " + teamWithPipeline, teamWithPipeline.toString(), TEAM_STAGES));

        DealResourceTest.post(ownTeamRep, DealResourceTest.dealBody("100.00", "")).then().statusCode(201)
                .body("pipelineId", equalTo(teamPipeline)).body("pipelineStage", equalTo("线索"));
        DealResourceTest.post(departmentRep, DealResourceTest.dealBody("100.00", "")).then().statusCode(201)
                .body("pipelineId", equalTo(departmentPipeline)).body("stage", equalTo("LEAD"));
        DealResourceTest.post(unassignedRep, DealResourceTest.dealBody("100.00", "")).then().statusCode(201)
                .body("pipelineId", equalTo(DEFAULT_ID)).body("pipelineStage", equalTo("LEAD"));
        // A pipeline named in the request wins over the team's.
        DealResourceTest.post(ownTeamRep, DealResourceTest.dealBody("100.00", ",\"pipelineId\":\"" + DEFAULT_ID + "\""))
                .then().statusCode(201).body("pipelineId", equalTo(DEFAULT_ID));
        // The department's manager opening a deal for a rep puts it on the rep's pipeline.
        TestTokens.as(manager, "manager").contentType(ContentType.JSON)
                .body(DealResourceTest.dealBody("100.00", ",\"ownerId\":\"" + departmentRep + "\"")).when().post(DEALS)
                .then().statusCode(201).body("ownerId", equalTo(departmentRep)).body("pipelineId", equalTo(departmentPipeline));
    }

    @Test
    void shouldCreateDealsOnExistingPipelinesOnlyAndNeverMoveThemToAnother() {
        String rep = "rep-" + UUID.randomUUID();
        DealResourceTest.post(rep, DealResourceTest.dealBody("100.00", ",\"pipelineId\":\"" + UUID.randomUUID() + "\""))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("pipelineId"));
        String deal = DealResourceTest.createDeal(rep, "100.00");
        DealResourceTest.put(rep, "rep", deal, "\"0\"", DealResourceTest.terms("100.00", ",\"pipelineId\":\"" + DEFAULT_ID + "\""))
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("pipelineId"));
        TestTokens.as(rep, "rep").when().get(DEALS).then().statusCode(200).body("total", equalTo(1));
    }

    static String pipeline(String name, String orgUnitId, String stages) {
        return "{\"name\":\"" + name + "\"" + (orgUnitId == null ? "" : ",\"orgUnitId\":\"" + orgUnitId + "\"")
                + ",\"stages\":" + stages + "}";
    }

    static String create(String body) {
        return post(body).then().statusCode(201).header("ETag", "\"0\"").body("builtIn", equalTo(false))
                .extract().path("id");
    }

    private static Response post(String body) {
        return TestTokens.as(ADMIN, "admin").contentType(ContentType.JSON).body(body).when().post(PIPELINES);
    }

    private static Response save(String caller, String role, String id, String ifMatch, String body) {
        var request = TestTokens.as(caller, role).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header(EntityTag.IF_MATCH, ifMatch);
        }
        return request.when().put(PIPELINES + "/" + id);
    }
}
