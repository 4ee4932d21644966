package io.attain.pipeline.crm;

import io.attain.pipeline.crm.CrmDtos.CrmBatchResult;
import io.attain.pipeline.crm.CrmDtos.CrmDealEvent;
import io.attain.pipeline.crm.CrmDtos.CrmEventResult;
import io.attain.support.problem.Problem;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * CRM webhooks. The body is taken as the bytes sent, because the signature covers exactly those; it is checked
 * before anything in it is read.
 */
@Path(CrmEventResource.PATH)
@Tag(name = "CRM ingestion", description = "Deal events from CRM systems, signed with HMAC-SHA256")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CrmEventResource {

    static final String PATH = "/api/pipeline/crm/events";

    static final String EVENT_EXAMPLE = """
            {
              "eventId": "sf-evt-000981",
              "crmSystem": "salesforce",
              "crmDealId": "006Dn00000ABCdE",
              "crmVersion": 7,
              "crmUpdatedAt": "2026-11-20T08:15:00Z",
              "deal": {
                "name": "华东制造集团 MES 二期",
                "account": {"externalId": "001Dn00000XyZ12", "name": "华东制造集团", "industry": "Manufacturing",
                            "region": "华东", "tier": "A", "segment": "KA", "size": "ENTERPRISE"},
                "owner": {"externalId": "005Dn000001AbCd", "email": "li.wei@example.com"},
                "amount": {"amount": "1200000.00", "currency": "CNY"},
                "productLine": "A",
                "channel": "DIRECT",
                "region": "华东",
                "customerTier": "KA",
                "newCustomer": false,
                "expectedCloseDate": "2026-12-31",
                "stage": "NEGOTIATION",
                "probability": 75,
                "forecastCategory": "COMMIT",
                "splits": [
                  {"user": {"externalId": "005Dn000001AbCd"}, "percent": "70"},
                  {"user": {"email": "zhang.min@example.com"}, "percent": "30"}
                ]
              }
            }""";

    static final String SIGNATURE_DOC = "HMAC-SHA256 with the client's secret over the X-Attain-Timestamp value, a dot and "
            + "the exact body bytes, in hex, optionally prefixed 'sha256='. Shell: "
            + "ts=$(date +%s); sig=$( (printf '%s.' \"$ts\"; cat body.json) | openssl dgst -sha256 -hmac \"$SECRET\" -r | cut -d' ' -f1)"
            + " and send body.json with curl --data-binary.";

    @Inject
    CrmClients clients;

    @Inject
    CrmEventReader reader;

    @Inject
    CrmIngestionService ingestion;

    @POST
    @RolesAllowed(Roles.CRM_INTEGRATION)
    @Operation(summary = "Deliver one CRM deal event",
            description = "Applies the deal snapshot when its crmVersion (or crmUpdatedAt) is newer than the last applied "
                    + "one, even when it skips stages; an older one is acknowledged as IGNORED_STALE; a repeated eventId "
                    + "answers DUPLICATE with the first delivery's result. The event is committed before the answer. "
                    + SIGNATURE_DOC)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CrmDealEvent.class),
            examples = @ExampleObject(name = "deal in negotiation", value = EVENT_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "APPLIED, DUPLICATE or IGNORED_STALE",
            content = @Content(schema = @Schema(implementation = CrmEventResult.class), examples = @ExampleObject(
                    name = "applied", value = "{\"eventId\":\"sf-evt-000981\",\"result\":\"APPLIED\",\"dealId\":"
                    + "\"1d0c3f9e-6a55-4a43-9d8e-0d7f3b1c2a11\",\"dealVersion\":3,\"acceptedAt\":\"2026-11-20T08:15:01.204Z\"}")))
    @APIResponse(responseCode = "400", description = "malformed JSON, unknown field, wrong type, invalid value",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid token, or a missing, wrong or stale signature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "the token lacks the crm-integration role, or the client is not "
            + "configured for the event's crmSystem (crm-system-not-allowed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body above 64 KiB")
    @APIResponse(responseCode = "422", description = "a CRM user (owner or split member) is mapped to no Attain user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CrmEventResult deliver(
            @Parameter(in = ParameterIn.HEADER, required = true, description = "Unix epoch seconds; at most 5 minutes off")
            @HeaderParam(CrmSignature.TIMESTAMP_HEADER) String timestamp,
            @Parameter(in = ParameterIn.HEADER, required = true, description = "hex HMAC-SHA256 of timestamp + '.' + body")
            @HeaderParam(CrmSignature.SIGNATURE_HEADER) String signature,
            byte[] body) {
        String client = clients.verify(timestamp, signature, body);
        CrmDealEvent event = reader.readOne(body);
        clients.confine(client, event);
        return ingestion.ingest(client, event);
    }

    @POST
    @Path("/batch")
    @RolesAllowed(Roles.CRM_INTEGRATION)
    @Operation(summary = "Deliver up to 500 CRM deal events at once",
            description = "Body {\"events\": [event, ...]}, each event as for a single delivery. Answers 200 with one "
                    + "result per event in the order sent (APPLIED, DUPLICATE, IGNORED_STALE or REJECTED with its problem) "
                    + "and counts; a refused event changes nothing and does not hold the others back. All accepted events "
                    + "are committed before the answer. " + SIGNATURE_DOC)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "two events", value = "{\"events\": [" + EVENT_EXAMPLE + ", {\"eventId\": "
                    + "\"sf-evt-000982\", \"crmSystem\": \"salesforce\", \"crmDealId\": \"006Dn00000ABCdE\", \"crmVersion\": 8, "
                    + "\"deal\": {\"name\": \"华东制造集团 MES 二期\", \"owner\": {\"externalId\": \"005Dn000001AbCd\"}, "
                    + "\"amount\": {\"amount\": \"1150000.00\", \"currency\": \"CNY\"}, \"productLine\": \"A\", \"stage\": \"WON\"}}]}")))
    @APIResponse(responseCode = "200", description = "per-event results",
            content = @Content(schema = @Schema(implementation = CrmBatchResult.class)))
    @APIResponse(responseCode = "400", description = "not a JSON object {\"events\": [...]}, or no events",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid token, or a missing, wrong or stale signature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "the token lacks the crm-integration role")
    @APIResponse(responseCode = "413", description = "more than 500 events, or a body above 1 MiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CrmBatchResult deliverBatch(
            @Parameter(in = ParameterIn.HEADER, required = true, description = "Unix epoch seconds; at most 5 minutes off")
            @HeaderParam(CrmSignature.TIMESTAMP_HEADER) String timestamp,
            @Parameter(in = ParameterIn.HEADER, required = true, description = "hex HMAC-SHA256 of timestamp + '.' + body")
            @HeaderParam(CrmSignature.SIGNATURE_HEADER) String signature,
            byte[] body) {
        String client = clients.verify(timestamp, signature, body);
        return ingestion.ingest(client, clients.confine(client, reader.readBatch(body)));
    }
}
