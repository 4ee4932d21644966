package io.attain.pipeline.crm;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.attain.pipeline.crm.CrmEventResourceTest.CLIENT;
import static io.attain.pipeline.crm.CrmEventResourceTest.PROBLEM;
import static io.attain.pipeline.crm.CrmEventResourceTest.SYSTEM;
import static io.attain.pipeline.crm.CrmEventResourceTest.deliver;
import static io.attain.pipeline.crm.CrmEventResourceTest.event;
import static io.attain.pipeline.crm.CrmEventResourceTest.mappedUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * Single deliveries of one client that arrive while one of its transactions runs are applied together in the next
 * one. These hold a client's transaction on a CRM deal's lock (taken here on a connection of the test), queue
 * deliveries behind it, and check on the real database that they were committed in one transaction, each answered
 * only after that commit with its own result — or its own refusal.
 */
@QuarkusTest
class CrmGroupCommitTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CrmIngestionService ingestion;

    @Test
    void shouldCommitQueuedSingleDeliveriesInOneTransactionEachAnsweredWithItsOwnResultAfterTheCommit() throws Exception {
        String owner = mappedUser("005-group-");
        String staleDeal = "006-" + UUID.randomUUID();
        String staleDealId = deliver(event("evt-" + UUID.randomUUID(), staleDeal, 5, "PROPOSAL", "500.00", owner, ""))
                .then().statusCode(200).extract().path("dealId");

        String repeated = "evt-" + UUID.randomUUID();
        String repeatedBody = event(repeated, "006-" + UUID.randomUUID(), 1, "LEAD", "100.00", owner, "");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(event("evt-" + UUID.randomUUID(), "006-" + UUID.randomUUID(), 1, "CONTACTED", (i + 1) + "000.00", owner, ""));
        }
        String unmapped = event("evt-" + UUID.randomUUID(), "006-" + UUID.randomUUID(), 1, "LEAD", "1.00",
                "005-nobody-" + UUID.randomUUID(), "");
        String stale = event("evt-" + UUID.randomUUID(), staleDeal, 3, "LEAD", "300.00", owner, "");
        bodies.add(unmapped);
        bodies.add(stale);
        bodies.add(repeatedBody);
        bodies.add(repeatedBody);

        Map<String, Delivered> answers;
        String blockerDeal = "006-" + UUID.randomUUID();
        try (ExecutorService pool = Executors.newCachedThreadPool()) {
            Future<Delivered> blocker;
            Map<String, Future<Delivered>> queued;
            try (AutoCloseable held = holdLockOf(blockerDeal)) {
                blocker = pool.submit(deliveryOf(event("evt-" + UUID.randomUUID(), blockerDeal, 1, "LEAD", "1.00", owner, "")));
                await().atMost(Duration.ofSeconds(20)).until(() -> waitingForAdvisoryLock() >= 1);
                queued = queue(pool, bodies);
            }
            answers = answers(queued);
            Delivered first = blocker.get(20, TimeUnit.SECONDS);
            first.response().then().statusCode(200).body("result", equalTo("APPLIED"));
            answers.put("blocker", first);
        }

        // Each refused or accepted on its own.
        Delivered refused = answers.get(unmapped);
        refused.response().then().statusCode(422).contentType(PROBLEM).body("type", endsWith("/unknown-crm-user"));
        assertThat(refused.committed()).isFalse();
        answers.get(stale).response().then().statusCode(200).body("result", equalTo("IGNORED_STALE"))
                .body("dealId", equalTo(staleDealId)).body("dealVersion", equalTo(0));
        for (String body : bodies.subList(0, 4)) {
            Response applied = answers.get(body).response();
            applied.then().statusCode(200).body("result", equalTo("APPLIED")).body("dealVersion", equalTo(0))
                    .body("eventId", equalTo(eventIdOf(body)));
            io.attain.testing.TestTokens.as("admin", "admin").when().get("/api/pipeline/deals/" + applied.path("dealId"))
                    .then().statusCode(200).body("name", equalTo(nameOf(body)))
                    .body("amount.amount", equalTo(body.replaceAll(".*\"amount\":\"([0-9.]+)\".*", "$1")));
        }
        // The same event id sent twice at once: one applied it, the other answers DUPLICATE of that.
        List<Response> twice = List.of(answers.get(repeatedBody).response(), answers.get(repeatedBody + "#2").response());
        assertThat(twice.stream().map(r -> r.<String>path("result"))).containsExactlyInAnyOrder("APPLIED", "DUPLICATE");
        Response duplicate = twice.stream().filter(r -> "DUPLICATE".equals(r.path("result"))).findFirst().orElseThrow();
        Response original = twice.stream().filter(r -> "APPLIED".equals(r.path("result"))).findFirst().orElseThrow();
        duplicate.then().statusCode(200).body("originalResult", equalTo("APPLIED"))
                .body("dealId", equalTo(original.path("dealId"))).body("dealVersion", equalTo(0))
                .body("acceptedAt", equalTo(original.path("acceptedAt")));

        // Every accepted one was committed when its answer came, all of them in one transaction after the blocker's.
        Set<Long> transactions = new HashSet<>();
        for (Map.Entry<String, Delivered> answer : answers.entrySet()) {
            if (answer.getValue().response().statusCode() == 200) {
                assertThat(answer.getValue().committed()).as(answer.getKey()).isTrue();
                if (!"blocker".equals(answer.getKey())) {
                    transactions.add(transactionOf(answer.getValue().response().path("eventId")));
                }
            }
        }
        assertThat(transactions).hasSize(1);
        assertThat(transactions).doesNotContain(transactionOf(answers.get("blocker").response().path("eventId")));
    }

    @Test
    void shouldApplyEachQueuedDeliveryOnItsOwnWhenTheirCommonTransactionFails() throws Exception {
        String owner = mappedUser("005-groupfail-");
        String poison = "evt-poison-" + UUID.randomUUID();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bodies.add(event("evt-" + UUID.randomUUID(), "006-" + UUID.randomUUID(), 1, "LEAD", "10.00", owner, ""));
        }
        String poisoned = event(poison, "006-" + UUID.randomUUID(), 1, "LEAD", "10.00", owner, "");
        bodies.add(poisoned);
        // A database that refuses one row (as a failing disk or constraint would): the transaction holding it fails.
        execute("create or replace function crm_group_poison() returns trigger language plpgsql as $$ begin "
                + "if new.event_id = '" + poison + "' then raise exception 'poisoned event'; end if; return new; end $$;"
                + "create trigger crm_group_poison before insert on crm_event for each row execute function crm_group_poison()");
        Map<String, Delivered> answers;
        try (ExecutorService pool = Executors.newCachedThreadPool()) {
            String blockerDeal = "006-" + UUID.randomUUID();
            Future<Delivered> blocker;
            Map<String, Future<Delivered>> queued;
            try (AutoCloseable held = holdLockOf(blockerDeal)) {
                blocker = pool.submit(deliveryOf(event("evt-" + UUID.randomUUID(), blockerDeal, 1, "LEAD", "1.00", owner, "")));
                await().atMost(Duration.ofSeconds(20)).until(() -> waitingForAdvisoryLock() >= 1);
                queued = queue(pool, bodies);
            }
            answers = answers(queued);
            blocker.get(20, TimeUnit.SECONDS).response().then().statusCode(200);
        } finally {
            execute("drop trigger crm_group_poison on crm_event; drop function crm_group_poison()");
        }

        answers.get(poisoned).response().then().statusCode(500).contentType(PROBLEM);
        assertThat(answers.get(poisoned).committed()).isFalse();
        Set<Long> transactions = new HashSet<>();
        for (String body : bodies.subList(0, 3)) {
            answers.get(body).response().then().statusCode(200).body("result", equalTo("APPLIED"));
            assertThat(answers.get(body).committed()).isTrue();
            transactions.add(transactionOf(eventIdOf(body)));
        }
        assertThat(transactions).as("each in a transaction of its own").hasSize(3);
        // Not recorded, so it is taken when sent again.
        deliver(poisoned).then().statusCode(200).body("result", equalTo("APPLIED"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** A delivery's answer, and whether its event was committed when the answer arrived. */
    record Delivered(Response response, boolean committed) {
    }

    private Callable<Delivered> deliveryOf(String body) {
        return () -> {
            Response response = deliver(body);
            return new Delivered(response, isCommitted(eventIdOf(body)));
        };
    }

    /**
     * Sends each body from a thread of its own while the client's transaction is held, and waits until all of them
     * queue behind it; their answers by body (a body sent twice: the second time as body + "#2").
     */
    private Map<String, Future<Delivered>> queue(ExecutorService pool, List<String> bodies) {
        Map<String, Future<Delivered>> pending = new LinkedHashMap<>();
        for (String body : bodies) {
            pending.put(pending.containsKey(body) ? body + "#2" : body, pool.submit(deliveryOf(body)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ingestion.queuedSingles(CLIENT) == bodies.size());
        assertThat(pending.values()).noneMatch(Future::isDone);
        return pending;
    }

    private static Map<String, Delivered> answers(Map<String, Future<Delivered>> pending) {
        Map<String, Delivered> answers = new HashMap<>();
        for (Map.Entry<String, Future<Delivered>> answer : pending.entrySet()) {
            try {
                answers.put(answer.getKey(), answer.getValue().get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return answers;
    }

    /**
     * Takes the advisory lock the service takes for this CRM deal, on a session of the test, until the returned
     * handle is closed.
     */
    private AutoCloseable holdLockOf(String crmDealId) throws SQLException {
        Connection session = dataSource.getConnection();
        lock(session, "select pg_advisory_lock(?)", crmDealId);
        return () -> {
            try (session) {
                lock(session, "select pg_advisory_unlock(?)", crmDealId);
            }
        };
    }

    private static void lock(Connection session, String sql, String crmDealId) throws SQLException {
        try (PreparedStatement lock = session.prepareStatement(sql)) {
            lock.setLong(1, CrmDealApplier.lockKey(SYSTEM, crmDealId));
            lock.execute();
        }
    }

    private long waitingForAdvisoryLock() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private boolean isCommitted(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from crm_event where client_id = ? and event_id = ?")) {
            query.setString(1, CLIENT);
            query.setString(2, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 1;
            }
        }
    }

    /** The id of the transaction that inserted the event's row. */
    private long transactionOf(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select xmin::text::bigint from crm_event where client_id = ? and event_id = ?")) {
            query.setString(1, CLIENT);
            query.setString(2, eventId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("event " + eventId + " recorded").isTrue();
                return rows.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String eventIdOf(String body) {
        return body.replaceAll("^\\{\"eventId\":\"([^\"]+)\".*", "$1");
    }

    private static String nameOf(String body) {
        return body.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
    }
}
