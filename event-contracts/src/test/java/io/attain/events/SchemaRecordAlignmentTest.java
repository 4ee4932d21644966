package io.attain.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schemas name exactly the fields the records carry, so a field added to a record without its
 * schema (or the reverse) fails here rather than in a consumer.
 */
class SchemaRecordAlignmentTest {

    private static final JsonNode COMMON = EventSchemas.resourceTree(EventSchemas.COMMON_SCHEMA);

    record Definition(JsonNode schema, Class<? extends Record> record) {
    }

    static Stream<Named<Definition>> definitions() {
        return Stream.of(
                common("Money", Money.class),
                common("CreditSplit", CreditSplit.class),
                common("ExternalRef", ExternalRef.class),
                common("DealSnapshot", DealSnapshot.class),
                common("PaymentChange", PaymentChange.class),
                common("DealEvent", DealEvent.class),
                common("TargetScope", TargetEvent.TargetScope.class),
                common("TargetEvent", TargetEvent.class),
                Named.of(EventTypes.ORG_UNIT_CHANGED, new Definition(
                        EventSchemas.resourceTree("schemas/" + EventTypes.ORG_UNIT_CHANGED + ".schema.json"),
                        OrgUnitEvent.class)),
                Named.of(EventTypes.MEMBERSHIP_CHANGED, new Definition(
                        EventSchemas.resourceTree("schemas/" + EventTypes.MEMBERSHIP_CHANGED + ".schema.json"),
                        MembershipEvent.class)),
                Named.of(EventTypes.STATEMENT_CALCULATED, new Definition(
                        EventSchemas.resourceTree("schemas/" + EventTypes.STATEMENT_CALCULATED + ".schema.json"),
                        CommissionEvent.class)),
                Named.of(EventTypes.PERIOD_CLOSED, new Definition(
                        EventSchemas.resourceTree("schemas/" + EventTypes.PERIOD_CLOSED + ".schema.json"),
                        CommissionEvent.class)));
    }

    private static Named<Definition> common(String name, Class<? extends Record> record) {
        return Named.of("common " + name, new Definition(COMMON.path("$defs").path(name), record));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void schemaPropertiesAreTheRecordComponents(Definition definition) {
        assertThat(fieldNames(definition.schema().path("properties")))
                .containsExactlyInAnyOrderElementsOf(componentNames(definition.record()));
        assertThat(definition.schema().path("additionalProperties").isBoolean()).isTrue();
        assertThat(definition.schema().path("additionalProperties").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void componentsThatCannotBeNullAreRequired(Definition definition) {
        List<String> required = new ArrayList<>();
        definition.schema().path("required").forEach(name -> required.add(name.asText()));

        List<String> primitives = Arrays.stream(definition.record().getRecordComponents())
                .filter(component -> component.getType().isPrimitive())
                .map(RecordComponent::getName)
                .toList();

        assertThat(required).containsAll(primitives);
        assertThat(componentNames(definition.record())).containsAll(required);
    }

    @Test
    void changedFieldsNameTheSnapshotFieldsAnUpdateCanChange() {
        Set<String> changeable = componentNames(DealSnapshot.class);
        changeable.removeAll(Set.of("id", "version", "createdAt"));

        assertThat(enumValues(COMMON.path("$defs").path("DealField"))).containsExactlyInAnyOrderElementsOf(changeable);
    }

    @Test
    void targetDimensionsAreDealSnapshotFields() {
        JsonNode names = COMMON.path("$defs").path("TargetScope").path("properties").path("dimensions")
                .path("propertyNames");

        assertThat(componentNames(DealSnapshot.class)).containsAll(enumValues(names));
    }

    private static Set<String> componentNames(Class<? extends Record> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> enumValues(JsonNode schema) {
        List<String> values = new ArrayList<>();
        schema.path("enum").forEach(value -> values.add(value.asText()));
        assertThat(values).isNotEmpty();
        return values;
    }
}
