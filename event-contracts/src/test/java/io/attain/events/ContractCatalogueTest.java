package io.attain.events;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue {@link EventTypes#ALL} and the schema and example files describe the same event types. */
class ContractCatalogueTest {

    private static final Set<String> TYPES = EventTypes.ALL.stream()
            .map(EventTypes.Contract::type)
            .collect(Collectors.toSet());

    @Test
    void everyTypeHasASchemaAndEverySchemaFileBelongsToAType() {
        Set<String> expected = new HashSet<>();
        TYPES.forEach(type -> expected.add(type + ".schema.json"));
        expected.add("common.schema.json");

        assertThat(EventSchemas.fileNames("schemas")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyTypeHasAnExampleAndEveryExampleFileBelongsToAType() {
        Set<String> expected = TYPES.stream().map(type -> type + ".json").collect(Collectors.toSet());

        assertThat(EventSchemas.fileNames("examples")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void typesAreUniqueAndVersioned() {
        assertThat(EventTypes.ALL).extracting(EventTypes.Contract::type).doesNotHaveDuplicates();
        assertThat(TYPES).allSatisfy(type ->
                assertThat(type).matches("io\\.attain\\.(pipeline|targets|incentive)\\.[a-z-]+\\.[a-z-]+\\.v[1-9][0-9]*"));
    }

    @Test
    void typeListsByTopicMatchTheCatalogue() {
        assertThat(typesOn(Topics.DEAL_EVENTS)).containsExactlyElementsOf(EventTypes.DEAL_EVENTS);
        assertThat(typesOn(Topics.TARGET_EVENTS)).containsExactlyElementsOf(EventTypes.TARGET_EVENTS);
        assertThat(typesOn(Topics.ORG_EVENTS)).containsExactlyElementsOf(EventTypes.ORG_EVENTS);
        assertThat(typesOn(Topics.COMMISSION_EVENTS)).containsExactlyElementsOf(EventTypes.COMMISSION_EVENTS);
        assertThat(Stream.of(EventTypes.DEAL_EVENTS, EventTypes.TARGET_EVENTS, EventTypes.ORG_EVENTS,
                        EventTypes.COMMISSION_EVENTS)
                .flatMap(List::stream))
                .containsExactlyInAnyOrderElementsOf(TYPES);
    }

    @Test
    void eventsTravelOnTheirProducersTopics() {
        assertThat(EventTypes.ALL).allSatisfy(contract -> {
            String producer = contract.type().split("\\.")[2];
            assertThat(contract.topic()).startsWith(producer + ".");
        });
    }

    @Test
    void resourceNamesFollowTheType() {
        EventTypes.Contract contract = EventTypes.ALL.getFirst();

        assertThat(contract.schemaResource()).isEqualTo("schemas/" + contract.type() + ".schema.json");
        assertThat(contract.exampleResource()).isEqualTo("examples/" + contract.type() + ".json");
    }

    private static List<String> typesOn(String topic) {
        return EventTypes.ALL.stream()
                .filter(contract -> contract.topic().equals(topic))
                .map(EventTypes.Contract::type)
                .toList();
    }
}
