package io.attain.targets;

import io.attain.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.attain.targets.OrgUnitResourceTest.admin;
import static io.attain.targets.OrgUnitResourceTest.createUnit;

/**
 * A fresh sales org per test, so tests share the database without seeing each other's data:
 * company → department (manager {@code deptManager}) → team A (manager {@code managerA}, reps {@code repA1},
 * {@code repA2}) and team B (manager {@code managerB}, rep {@code repB}).
 */
record SalesOrg(String company, String department, String teamA, String teamB, String deptManager, String managerA,
                String managerB, String repA1, String repA2, String repB) {

    static final String PROBLEM = "application/problem+json";
    static final String TYPES = "https://attain.io/problems/";

    static SalesOrg create() {
        String suffix = UUID.randomUUID().toString();
        String deptManager = "dept-mgr-" + suffix;
        String managerA = "mgr-a-" + suffix;
        String managerB = "mgr-b-" + suffix;
        String company = createUnit("{\"name\":\"Co-" + suffix + "\",\"kind\":\"COMPANY\"}");
        String department = createUnit("{\"name\":\"区域销售部\",\"kind\":\"DEPARTMENT\",\"parentId\":\"" + company
                + "\",\"managerId\":\"" + deptManager + "\"}");
        String teamA = createUnit("{\"name\":\"华东组\",\"kind\":\"TEAM\",\"parentId\":\"" + department
                + "\",\"managerId\":\"" + managerA + "\"}");
        String teamB = createUnit("{\"name\":\"华南组\",\"kind\":\"TEAM\",\"parentId\":\"" + department
                + "\",\"managerId\":\"" + managerB + "\"}");
        SalesOrg org = new SalesOrg(company, department, teamA, teamB, deptManager, managerA, managerB,
                "rep-a1-" + suffix, "rep-a2-" + suffix, "rep-b-" + suffix);
        member(org.repA1, teamA, "2026-01-01");
        member(org.repA2, teamA, "2026-01-01");
        member(org.repB, teamB, "2026-01-01");
        return org;
    }

    static void member(String memberId, String unit, String from) {
        admin().contentType(ContentType.JSON)
                .body("{\"memberId\":\"" + memberId + "\",\"displayName\":\"" + memberId + "\",\"orgUnitId\":\"" + unit
                        + "\",\"role\":\"REP\",\"effectiveFrom\":\"" + from + "\"}")
                .when().post("/api/targets/members").then().statusCode(201);
    }

    static RequestSpecification asAdmin() {
        return admin().contentType(ContentType.JSON);
    }

    static RequestSpecification asManager(String id) {
        return TestTokens.as(id, "manager").contentType(ContentType.JSON);
    }

    static RequestSpecification asRep(String id) {
        return TestTokens.as(id, "rep").contentType(ContentType.JSON);
    }
}
