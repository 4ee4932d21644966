package io.attain.pipeline.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.attain.pipeline.crm.CrmDtos.CrmDealEvent;
import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the raw bodies of CRM deliveries (the bytes the signature covered) strictly: malformed JSON, unknown fields,
 * wrong types and invalid values are client mistakes answered with a precise 400, for a batch per event.
 */
@ApplicationScoped
public class CrmEventReader {

    static final String EVENTS = "events";

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @Inject
    CrmConfig config;

    /** One event of a batch: read, or refused with a problem. */
    record Item(int index, String eventId, CrmDealEvent event, Problem problem) {
    }

    /** The single event of a body, or a 400 problem. */
    public CrmDealEvent readOne(byte[] body) {
        checkSize(body, config.maxEventBytes());
        JsonNode tree = readTree(body);
        if (!tree.isObject()) {
            throw ProblemException.badRequest("the body must be one CRM event, a JSON object");
        }
        Item item = check(0, tree);
        if (item.problem() != null) {
            throw asException(item.problem());
        }
        return item.event();
    }

    /** The events of a batch body {@code {"events": [...]}}; a body that is not one is refused as a whole. */
    List<Item> readBatch(byte[] body) {
        checkSize(body, config.maxBatchBytes());
        JsonNode tree = readTree(body);
        if (!tree.isObject() || !tree.path(EVENTS).isArray()) {
            throw ProblemException.invalidField(EVENTS, "the body must be an object {\"events\": [...]} with an array of CRM events");
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!EVENTS.equals(name)) {
                throw new ProblemException(400, "invalid-request", "Invalid request", "unknown field '" + name + "'",
                        List.of(new Problem.FieldError(name, "is not a field of this request")));
            }
        }
        JsonNode events = tree.get(EVENTS);
        if (events.isEmpty()) {
            throw ProblemException.invalidField(EVENTS, "must hold at least one event");
        }
        if (events.size() > config.maxBatchEvents()) {
            throw new ProblemException(413, "batch-too-large", "Batch too large", "a batch holds at most "
                    + config.maxBatchEvents() + " events, not " + events.size() + ": split it",
                    List.of(new Problem.FieldError(EVENTS, "at most " + config.maxBatchEvents() + " events")));
        }
        List<Item> items = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode node = events.get(i);
            items.add(node.isObject() ? check(i, node) : new Item(i, null, null,
                    new Problem(Problem.type("invalid-request"), "Invalid request", 400, "an event must be a JSON object",
                            null, List.of())));
        }
        return items;
    }

    /** The event read from {@code node}, or why it cannot be taken. */
    private Item check(int index, JsonNode node) {
        String eventId = node.path("eventId").isTextual() ? node.path("eventId").asText() : null;
        CrmDealEvent event;
        try {
            event = mapper.treeToValue(node, CrmDealEvent.class);
        } catch (JsonProcessingException e) {
            return new Item(index, eventId, null, problemOf(e));
        } catch (IllegalArgumentException e) {
            return new Item(index, eventId, null, invalid("event", e.getMessage()));
        }
        Problem problem = problemOf(event);
        return problem == null ? new Item(index, eventId, event, null) : new Item(index, eventId, null, problem);
    }

    /** Why a read event cannot be taken, or {@code null} when it can. */
    private Problem problemOf(CrmDealEvent event) {
        Set<ConstraintViolation<CrmDealEvent>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            return new Problem(Problem.type("invalid-request"), "Invalid request", 400,
                    errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; ")),
                    null, errors);
        }
        if (event.crmVersion() == null && event.crmUpdatedAt() == null) {
            return invalid("crmVersion", "give crmVersion or crmUpdatedAt (or both): they order the deal's deliveries");
        }
        if (event.deal().owner().externalId() == null && event.deal().owner().email() == null) {
            return invalid("deal.owner", "needs the CRM user's externalId or email");
        }
        if (event.deal().splits() != null) {
            for (int i = 0; i < event.deal().splits().size(); i++) {
                CrmDtos.CrmUser user = event.deal().splits().get(i).user();
                if (user.externalId() == null && user.email() == null) {
                    return invalid("deal.splits[" + i + "].user", "needs the CRM user's externalId or email");
                }
            }
        }
        return null;
    }

    private JsonNode readTree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "the request body is empty");
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON: " + message);
        }
    }

    private static void checkSize(byte[] body, int max) {
        if (body != null && body.length > max) {
            throw new ProblemException(413, "body-too-large", "Body too large",
                    "the body has " + body.length + " bytes; at most " + max + " are accepted here");
        }
    }

    /** The same translation as the service's problem mappers, for one event of a batch. */
    static Problem problemOf(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? pointer(mapping) : "";
        String where = field.isEmpty() ? "event" : field;
        return switch (e) {
            case UnrecognizedPropertyException unknown -> new Problem(Problem.type("invalid-request"), "Invalid request",
                    400, "unknown field '" + unknown.getPropertyName() + "'", null,
                    List.of(new Problem.FieldError(field, "is not a field of this request")));
            case InvalidFormatException format -> invalid(where, "'" + format.getValue() + "' is not a valid "
                    + (format.getTargetType() == null ? "value" : format.getTargetType().getSimpleName()));
            case MismatchedInputException mismatch -> invalid(where, "has the wrong type, expected "
                    + (mismatch.getTargetType() == null ? "another type" : mismatch.getTargetType().getSimpleName()));
            case JsonMappingException mapping -> invalid(where, mapping.getCause() instanceof IllegalArgumentException
                    || mapping.getCause() instanceof NullPointerException ? mapping.getCause().getMessage() : "cannot be read");
            default -> new Problem(Problem.type("malformed-json"), "Malformed JSON", 400,
                    "not valid JSON: " + e.getOriginalMessage(), null, List.of());
        };
    }

    static ProblemException asException(Problem problem) {
        return new ProblemException(problem.status(), problem.type().toString().substring(Problem.TYPE_BASE.length()),
                problem.title(), problem.detail(), problem.errors());
    }

    static Problem invalid(String field, String message) {
        return new Problem(Problem.type("invalid-request"), "Invalid request", 400, field + ": " + message, null,
                List.of(new Problem.FieldError(field, message)));
    }

    private static String pointer(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
