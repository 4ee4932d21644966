package io.attain.pipeline;

import io.attain.testing.TestTokens;
import io.restassured.http.ContentType;

import java.time.LocalDate;

/** Deals and accounts created through the API as a rep would, for tests of what is computed from them. */
public final class PipelineApi {

    public static final String DEALS = "/api/pipeline/deals";

    private PipelineApi() {
    }

    /** A deal of {@code rep} at LEAD; {@code expectedClose} may be null. */
    public static String deal(String rep, String productLine, String amount, String currency, LocalDate expectedClose) {
        String body = "{\"name\":\"deal of " + rep + "\",\"productLine\":\"" + productLine + "\",\"region\":\"华东\","
                + "\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\"}"
                + (expectedClose == null ? "" : ",\"expectedCloseDate\":\"" + expectedClose + "\"") + "}";
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body(body)
                .when().post(DEALS).then().statusCode(201).extract().path("id");
    }

    /** Moves the deal through {@code stages} in order, as its owner. */
    public static void move(String rep, String dealId, String... stages) {
        for (String stage : stages) {
            TestTokens.as(rep, "rep").contentType(ContentType.JSON).body("{\"stage\":\"" + stage + "\"}")
                    .when().post(DEALS + "/" + dealId + "/stage").then().statusCode(200);
        }
    }

    public static String account(String rep, String name) {
        return TestTokens.as(rep, "rep").contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .when().post("/api/pipeline/accounts").then().statusCode(201).extract().path("id");
    }
}
