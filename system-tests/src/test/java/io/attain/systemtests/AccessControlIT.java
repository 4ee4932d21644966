package io.attain.systemtests;

import io.attain.local.DemoUsers;
import io.attain.local.Suite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.util.Map;

/** Authentication and object-level scoping, seen from outside through the gateway. */
@ExtendWith(AttainSuiteExtension.class)
class AccessControlIT {
    private final Api api;
    private final Tokens tokens;

    AccessControlIT(Suite suite) {
        this.api = new Api(suite);
        this.tokens = new Tokens(suite);
    }

    @Test
    void requestsWithoutATokenAreUnauthorized() {
        api.anonymous().when().get("/api/targets/org-units").then().statusCode(401);
        api.anonymous().when().get("/api/pipeline/deals").then().statusCode(401);
        api.anonymous().when().get("/api/incentives/members/" + DemoUsers.KEY_ACCOUNTS_REP.id() + "/credits")
                .then().statusCode(401);
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        String forged = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        api.as(forged).when().get("/api/pipeline/deals").then().statusCode(401);
    }

    @Test
    void aRepCannotSeeAnotherRepsDealOrCredits() {
        String owner = tokens.of(DemoUsers.REGIONAL_REP);
        String other = tokens.of(DemoUsers.ONLINE_REP);
        String dealId = api.as(owner)
                .body(Map.of("name", "Private deal", "amount", Api.money("1000.00", "CNY"), "productLine", "B",
                        "expectedCloseDate", LocalDate.now().plusDays(30).toString()))
                .when().post("/api/pipeline/deals")
                .then().statusCode(201)
                .extract().path("id");

        api.as(owner).when().get("/api/pipeline/deals/" + dealId).then().statusCode(200);
        api.as(other).when().get("/api/pipeline/deals/" + dealId).then().statusCode(404);
        api.as(other).when().get("/api/incentives/members/" + DemoUsers.REGIONAL_REP.id() + "/credits")
                .then().statusCode(404);
    }

    @Test
    void theCrmServiceAccountCannotAdministerTheOrg() {
        api.as(tokens.crmIntegration())
                .body(Map.of("name", "Not allowed", "kind", "COMPANY"))
                .when().post("/api/targets/org-units")
                .then().statusCode(403);
    }
}
