package io.attain.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type: its example conforms to its schema and survives a trip through its record. */
class EventContractTest {

    static Stream<Named<EventTypes.Contract>> contracts() {
        return EventTypes.ALL.stream().map(contract -> Named.of(contract.type(), contract));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void exampleConformsToItsSchema(EventTypes.Contract contract) {
        assertThat(EventSchemas.violations(contract.type(), EventSchemas.example(contract.type()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void exampleReadIntoItsRecordIsWrittenBackUnchanged(EventTypes.Contract contract) throws Exception {
        JsonNode example = EventSchemas.exampleTree(contract.type());

        Object record = EventJson.mapper().treeToValue(example, contract.payload());
        JsonNode written = EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(record));

        assertThat(record).isInstanceOf(contract.payload());
        assertThat(written).isEqualTo(example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void recordWrittenByTheEventMapperConformsToTheSchema(EventTypes.Contract contract) throws Exception {
        Object record = EventJson.mapper().readValue(EventSchemas.example(contract.type()), contract.payload());

        String written = EventJson.mapper().writeValueAsString(record);

        assertThat(EventSchemas.violations(contract.type(), written)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void readerToleratesFieldsAddedByANewerProducer(EventTypes.Contract contract) throws Exception {
        ObjectNode newer = (ObjectNode) EventSchemas.exampleTree(contract.type());
        newer.put("addedInALaterRelease", "ignored by this reader");

        Object fromNewer = EventJson.mapper().treeToValue(newer, contract.payload());
        Object fromExample = EventJson.mapper().readValue(EventSchemas.example(contract.type()), contract.payload());

        assertThat(fromNewer).isEqualTo(fromExample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void schemaRejectsFieldsTheContractDoesNotName(EventTypes.Contract contract) {
        ObjectNode extended = (ObjectNode) EventSchemas.exampleTree(contract.type());
        extended.put("undocumented", "x");

        assertThat(EventSchemas.violations(contract.type(), extended)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void schemaDeclaresItsTypeAsId(EventTypes.Contract contract) {
        JsonNode schema = EventSchemas.resourceTree(contract.schemaResource());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(EventSchemas.ID_BASE + contract.type() + ".schema.json");
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).contains(contract.topic());
    }
}
