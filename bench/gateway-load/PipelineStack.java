import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.attain.local.DemoUsers;
import io.attain.local.Ports;
import io.attain.local.Service;
import io.attain.local.Suite;
import io.attain.local.SuiteOptions;

/**
 * The real upstream for bench/gateway-load/run.sh {@code upstream=pipeline}: the local runner's {@link Suite}
 * (embedded PostgreSQL, a Kafka broker, Keycloak with the attain realm) with pipeline-service alone, on free ports
 * and fresh data under {@code <work>/suite}. The gateway is started by run.sh, not by the suite, because the
 * benchmark needs the per-user rate limit raised for its one user.
 * <p>
 * Once everything is ready it logs in a demo rep with the password grant of the public web client (as a front-end
 * does), creates one deal as that rep directly at pipeline-service, and writes for run.sh: {@code pipeline-url.txt},
 * {@code realm-url.txt} (the gateway's {@code quarkus.oidc.auth-server-url}), {@code token.txt} and
 * {@code path.txt} ({@code /api/pipeline/deals/<id>}, the GET under test). Then it waits until it is killed; the
 * suite's shutdown hook stops every process it started.
 * <p>
 * Run with the runner's class path: {@code java -cp deploy/local/target/classes:$(cat
 * deploy/local/target/classpath.txt) bench/gateway-load/PipelineStack.java <repository root> <work dir>}.
 */
public class PipelineStack {

    private static final DemoUsers.DemoUser REP = DemoUsers.KEY_ACCOUNTS_REP;

    private static final Pattern DEAL_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PipelineStack <repository root> <work dir>");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        Suite suite = Suite.start(SuiteOptions.builder(root)
                .dataDirectory(work.resolve("suite"))
                .fresh(true)
                .ports(Ports.free())
                .services(Set.of(Service.PIPELINE))
                .progress(line -> System.out.println("[suite] " + line))
                .build());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String pipelineUrl = suite.serviceUrl(Service.PIPELINE);
        String token = passwordGrant(http, suite.keycloak().tokenUrl());
        String dealId = createDeal(http, pipelineUrl, token);

        Files.writeString(work.resolve("pipeline-url.txt"), pipelineUrl);
        Files.writeString(work.resolve("realm-url.txt"), suite.keycloak().realmUrl());
        Files.writeString(work.resolve("token.txt"), token);
        Files.writeString(work.resolve("path.txt"), "/api/pipeline/deals/" + dealId);
        System.out.println("ready: pipeline-service " + pipelineUrl + ", deal " + dealId + " of " + REP.username());
        Thread.currentThread().join();
    }

    /** A front-end's login: password grant of the public web client. */
    private static String passwordGrant(HttpClient http, String tokenUrl) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + encode(DemoUsers.WEB_CLIENT_ID)
                + "&username=" + encode(REP.username()) + "&password=" + encode(REP.password());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("password grant failed: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    private static String createDeal(HttpClient http, String pipelineUrl, String token)
            throws IOException, InterruptedException {
        String body = "{\"name\":\"Gateway benchmark deal\",\"amount\":{\"amount\":\"125000.00\",\"currency\":\"CNY\"},"
                + "\"productLine\":\"SAAS\",\"channel\":\"DIRECT\",\"region\":\"East\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(pipelineUrl + "/api/pipeline/deals"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = DEAL_ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("creating the deal failed: " + response.statusCode() + " " + response.body());
        }
        return id.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
