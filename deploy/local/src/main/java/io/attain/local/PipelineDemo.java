package io.attain.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.attain.local.DemoUsers.DemoUser;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A working sales funnel for the demo reps, created through the API so that analytics and alerts have something
 * real to show: customers with a contact each, deals spread over every stage of the default funnel (one lost, one
 * won and partly paid, one paid in two parts and so collected), activities weeks old on some deals (stale-deal and
 * no-contact alerts) and expected close dates already past on others; and the online department's own pipeline
 * (线索 → 试用 → 报价 → 成交 → 回款, 流失) with its rep's deals on it.
 *
 * <p>Every step looks before it writes, so loading again into kept data changes nothing. Call after {@link DemoData}
 * has created the org (the online pipeline is assigned to its department): {@code PipelineDemo.load(api, progress, today)}.
 */
final class PipelineDemo {

    static final String CURRENCY = "CNY";
    static final String ONLINE_PIPELINE = "线上销售流程";
    /** The default funnel up to a signed contract. */
    static final List<String> TO_WON = List.of("LEAD", "CONTACTED", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "WON");

    private final ApiClient api;
    private final Consumer<String> progress;
    private final LocalDate today;

    private PipelineDemo(ApiClient api, Consumer<String> progress, LocalDate today) {
        this.api = api;
        this.progress = progress;
        this.today = today;
    }

    /** A customer with its one contact. */
    record Customer(String name, String industry, String size, String region, String tier, String segment,
                    String contact, String contactTitle, String buyingRole, String stance) {
    }

    /** An activity {@code daysAgo} days before now. */
    record Touch(String type, int daysAgo, String notes) {
    }

    /** A payment received {@code daysAgo} days before today. */
    record Receipt(String amount, int daysAgo, String reference) {
    }

    /**
     * @param path              the stages the deal goes through after its first, in order
     * @param expectedCloseDays the expected close date relative to today (negative: already past)
     */
    record DemoDeal(DemoUser rep, Customer customer, String name, String amount, String productLine, String channel,
                    boolean newCustomer, int expectedCloseDays, List<String> path, List<Touch> touches,
                    List<Receipt> receipts, boolean onlinePipeline) {
    }

    static final List<DemoDeal> DEALS = List.of(
            new DemoDeal(DemoUsers.KEY_ACCOUNTS_REP, new Customer("苏州精密机械", "制造", "LARGE", "华东", "A", "KA",
                    "周明", "CIO", "DECISION_MAKER", "SUPPORTER"), "苏州精密 MES 实施", "2400000.00", "A", "DIRECT", true, 30,
                    TO_WON.subList(1, 5), List.of(new Touch("DEMO", 10, "产线演示"), new Touch("VISIT", 3, "商务条款")), List.of(), false),
            new DemoDeal(DemoUsers.KEY_ACCOUNTS_REP, new Customer("上海联华零售", "零售", "ENTERPRISE", "华东", "A", "KA",
                    "陈静", "采购总监", "PURCHASING", "NEUTRAL"), "联华零售 数据平台", "1800000.00", "B", "DIRECT", false, -20,
                    TO_WON.subList(1, 6), List.of(new Touch("MEETING", 45, "合同评审")),
                    List.of(new Receipt("720000.00", 40, "首付款 40%"), new Receipt("1080000.00", 12, "尾款 60%")), false),
            new DemoDeal(DemoUsers.KEY_ACCOUNTS_REP, new Customer("杭州云帆物流", "物流", "MEDIUM", "华东", "B", "MID",
                    "李强", "运营经理", "USER", "SUPPORTER"), "云帆物流 调度系统", "950000.00", "A", "DIRECT", true, 15,
                    TO_WON.subList(1, 4), List.of(new Touch("CALL", 40, "需求澄清")), List.of(), false),
            new DemoDeal(DemoUsers.KEY_ACCOUNTS_REP_2, new Customer("深圳华拓电子", "电子", "LARGE", "华南", "A", "KA",
                    "王磊", "总经理", "DECISION_MAKER", "SUPPORTER"), "华拓电子 供应链升级", "3200000.00", "A", "DIRECT", false, -5,
                    TO_WON.subList(1, 6), List.of(new Touch("VISIT", 20, "签约拜访")),
                    List.of(new Receipt("1000000.00", 5, "首付款")), false),
            new DemoDeal(DemoUsers.KEY_ACCOUNTS_REP_2, new Customer("广州南方医药", "医药", "LARGE", "华南", "B", "KA",
                    "赵敏", "IT 主管", "TECHNICAL", "NEUTRAL"), "南方医药 CRM 项目", "1200000.00", "services", "PARTNER", true, 60,
                    TO_WON.subList(1, 3), List.of(new Touch("CALL", 2, "需求访谈预约")), List.of(), false),
            new DemoDeal(DemoUsers.KEY_ACCOUNTS_REP_2, new Customer("东莞鑫达五金", "制造", "SMALL", "华南", "C", "LONG_TAIL",
                    "黄伟", "老板", "DECISION_MAKER", "BLOCKER"), "鑫达五金 ERP", "600000.00", "A", "DISTRIBUTION", true, -30,
                    List.of("CONTACTED", "NEEDS_ANALYSIS", "LOST"), List.of(new Touch("VISIT", 60, "预算不足")), List.of(), false),
            new DemoDeal(DemoUsers.REGIONAL_REP, new Customer("北京京师教育", "教育", "MEDIUM", "华北", "B", "MID",
                    "孙丽", "信息中心主任", "INFLUENCER", "NEUTRAL"), "京师教育 智慧校园", "800000.00", "B", "DIRECT", true, -10,
                    TO_WON.subList(1, 2), List.of(new Touch("CALL", 35, "首次电话")), List.of(), false),
            new DemoDeal(DemoUsers.REGIONAL_REP, new Customer("天津港联贸易", "贸易", "SMALL", "华北", "C", "LONG_TAIL",
                    "吴刚", "财务经理", "PURCHASING", "NEUTRAL"), "港联贸易 报关系统", "450000.00", "A", "DIRECT", true, 90,
                    List.of(), List.of(), List.of(), false),
            new DemoDeal(DemoUsers.REGIONAL_REP, new Customer("石家庄冀北能源", "能源", "ENTERPRISE", "华北", "A", "KA",
                    "郑涛", "副总裁", "DECISION_MAKER", "SUPPORTER"), "冀北能源 运维平台", "1500000.00", "services", "DIRECT", false, -5,
                    TO_WON.subList(1, 5), List.of(new Touch("MEETING", 1, "价格谈判")), List.of(), false),
            new DemoDeal(DemoUsers.ONLINE_REP, new Customer("成都蜀香食品", "食品", "MEDIUM", "西南", "B", "MID",
                    "冯雪", "电商负责人", "USER", "SUPPORTER"), "蜀香食品 电商中台", "300000.00", "B", "ECOMMERCE", true, 20,
                    List.of("试用", "报价"), List.of(new Touch("DEMO", 6, "线上演示")), List.of(), true),
            new DemoDeal(DemoUsers.ONLINE_REP, new Customer("重庆山城文旅", "文旅", "SMALL", "西南", "C", "LONG_TAIL",
                    "杨帆", "市场经理", "DECISION_MAKER", "SUPPORTER"), "山城文旅 小程序", "180000.00", "B", "ECOMMERCE", true, -15,
                    List.of("试用", "报价", "成交"), List.of(new Touch("CALL", 25, "确认上线")),
                    List.of(new Receipt("180000.00", 8, "全款")), true),
            new DemoDeal(DemoUsers.ONLINE_REP, new Customer("西安古城酒业", "酒水", "SMALL", "西北", "C", "LONG_TAIL",
                    "韩冰", "运营", "USER", "NEUTRAL"), "古城酒业 直播带货", "120000.00", "B", "ECOMMERCE", true, 30,
                    List.of("试用"), List.of(new Touch("CALL", 33, "试用回访")), List.of(), true));

    static void load(ApiClient api, Consumer<String> progress, LocalDate today) {
        new PipelineDemo(api, progress, today).load();
    }

    private void load() {
        String onlinePipeline = onlinePipeline();
        for (DemoDeal deal : DEALS) {
            String account = account(deal.rep(), deal.customer());
            contact(deal.rep(), account, deal.customer());
            JsonNode created = deal(deal, account, deal.onlinePipeline() ? onlinePipeline : null);
            String dealId = created.path("id").asText();
            move(deal, created);
            activities(deal, dealId, account);
            payments(deal, dealId);
        }
        progress.accept("Demo data         pipeline: " + DEALS.size() + " deals of " + DEALS.stream().map(DemoDeal::rep).distinct().count()
                + " reps across every stage, with activities and payments");
    }

    /** The online department's pipeline: fewer, shorter stages for small e-commerce deals. */
    private String onlinePipeline() {
        for (JsonNode pipeline : api.getOk(DemoUsers.ADMIN, "/api/pipeline/pipelines?page=0&size=200").path("items")) {
            if (ONLINE_PIPELINE.equals(pipeline.path("name").asText())) {
                return pipeline.path("id").asText();
            }
        }
        String department = null;
        for (JsonNode unit : api.getOk(DemoUsers.ADMIN, "/api/targets/org-units?page=0&size=200").path("items")) {
            if (DemoUsers.Departments.ONLINE.equals(unit.path("name").asText())) {
                department = unit.path("id").asText();
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", ONLINE_PIPELINE);
        request.put("orgUnitId", department);
        request.put("stages", List.of(
                stage("线索", 10, "OPEN", "LEAD"), stage("试用", 40, "OPEN", "NEEDS_ANALYSIS"),
                stage("报价", 70, "OPEN", "NEGOTIATION"), stage("成交", 100, "WON", null),
                stage("回款", 100, "COLLECTED", null), stage("流失", 0, "LOST", null)));
        progress.accept("Demo data         pipeline " + ONLINE_PIPELINE + " for " + DemoUsers.Departments.ONLINE);
        return api.postOk(DemoUsers.ADMIN, "/api/pipeline/pipelines", request).path("id").asText();
    }

    private static Map<String, Object> stage(String name, int probability, String kind, String funnelStage) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("name", name);
        stage.put("probability", probability);
        stage.put("kind", kind);
        if (funnelStage != null) {
            stage.put("funnelStage", funnelStage);
        }
        return stage;
    }

    private String account(DemoUser rep, Customer customer) {
        String query = "/api/pipeline/accounts?q=" + URLEncoder.encode(customer.name(), StandardCharsets.UTF_8) + "&page=0&size=20";
        for (JsonNode account : api.getOk(rep, query).path("items")) {
            if (customer.name().equals(account.path("name").asText())) {
                return account.path("id").asText();
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", customer.name());
        request.put("industry", customer.industry());
        request.put("size", customer.size());
        request.put("region", customer.region());
        request.put("tier", customer.tier());
        request.put("segment", customer.segment());
        request.put("sourceChannel", "DEMO");
        return api.postOk(rep, "/api/pipeline/accounts", request).path("id").asText();
    }

    private void contact(DemoUser rep, String accountId, Customer customer) {
        String path = "/api/pipeline/accounts/" + accountId + "/contacts";
        for (JsonNode contact : api.getOk(rep, path + "?page=0&size=200").path("items")) {
            if (customer.contact().equals(contact.path("name").asText())) {
                return;
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", customer.contact());
        request.put("title", customer.contactTitle());
        request.put("buyingRole", customer.buyingRole());
        request.put("stance", customer.stance());
        api.postOk(rep, path, request);
    }

    private JsonNode deal(DemoDeal deal, String accountId, String pipelineId) {
        Optional<JsonNode> existing = Optional.empty();
        for (JsonNode candidate : api.getOk(deal.rep(), "/api/pipeline/deals?page=0&size=200").path("items")) {
            if (deal.name().equals(candidate.path("name").asText())) {
                existing = Optional.of(candidate);
            }
        }
        return existing.orElseGet(() -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", deal.name());
            request.put("accountId", accountId);
            request.put("amount", Map.of("amount", deal.amount(), "currency", CURRENCY));
            request.put("productLine", deal.productLine());
            request.put("channel", deal.channel());
            request.put("region", deal.customer().region());
            request.put("customerTier", deal.customer().segment());
            request.put("newCustomer", deal.newCustomer());
            request.put("expectedCloseDate", today.plusDays(deal.expectedCloseDays()).toString());
            if (pipelineId != null) {
                request.put("pipelineId", pipelineId);
            }
            progress.accept("Demo data         deal '" + deal.name() + "' of " + deal.rep().displayName() + ", "
                    + deal.amount() + " " + CURRENCY);
            return api.postOk(deal.rep(), "/api/pipeline/deals", request);
        });
    }

    /** Moves the deal along its path from where it stands (a deal loaded before has gone all or part of the way). */
    private void move(DemoDeal deal, JsonNode current) {
        if ("COLLECTED".equals(current.path("stage").asText())) {
            return;
        }
        String stage = current.path("pipelineStage").asText();
        int reached = deal.path().indexOf(stage);
        for (String next : deal.path().subList(reached + 1, deal.path().size())) {
            api.postOk(deal.rep(), "/api/pipeline/deals/" + current.path("id").asText() + "/stage", Map.of("stage", next));
        }
    }

    private void activities(DemoDeal deal, String dealId, String accountId) {
        if (deal.touches().isEmpty()
                || api.getOk(deal.rep(), "/api/pipeline/activities?dealId=" + dealId + "&page=0&size=1").path("total").asLong() > 0) {
            return;
        }
        for (Touch touch : deal.touches()) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("type", touch.type());
            request.put("dealId", dealId);
            request.put("accountId", accountId);
            request.put("occurredAt", Instant.now().minus(touch.daysAgo(), ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
            request.put("notes", touch.notes());
            api.postOk(deal.rep(), "/api/pipeline/activities", request);
        }
    }

    /** Finance records the payments once: a deal that has collected anything was paid in an earlier load. */
    private void payments(DemoDeal deal, String dealId) {
        if (deal.receipts().isEmpty()) {
            return;
        }
        JsonNode current = api.getOk(DemoUsers.FINANCE, "/api/pipeline/deals/" + dealId);
        if (new BigDecimal(current.path("collected").path("amount").asText("0")).signum() > 0) {
            return;
        }
        for (Receipt receipt : deal.receipts()) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("amount", Map.of("amount", receipt.amount(), "currency", CURRENCY));
            request.put("receivedOn", today.minusDays(receipt.daysAgo()).toString());
            request.put("reference", receipt.reference());
            api.postOk(DemoUsers.FINANCE, "/api/pipeline/deals/" + dealId + "/payments", request);
        }
        progress.accept("Demo data         payments on '" + deal.name() + "'");
    }
}
