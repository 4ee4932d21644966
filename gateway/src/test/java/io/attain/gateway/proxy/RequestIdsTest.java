package io.attain.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @ParameterizedTest
    @ValueSource(strings = { "req-1", "0f8fad5b-d9cb-469f-a165-70867728950e", "trace:abc.def_1", "YWJj+/==" })
    void shouldKeepWellFormedIds(String id) {
        assertThat(RequestIds.fromHeaderOrNew(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "with space", "line\nbreak", "quote\"", "semi;colon", "ünïcode" })
    void shouldReplaceMissingOrUnsafeIds(String id) {
        assertThat(RequestIds.fromHeaderOrNew(id)).matches(UUID_PATTERN);
    }

    @Test
    void shouldReplaceOverlongIds() {
        assertThat(RequestIds.fromHeaderOrNew("a".repeat(129))).matches(UUID_PATTERN);
        assertThat(RequestIds.fromHeaderOrNew("a".repeat(128))).hasSize(128);
    }

    @Test
    void shouldGenerateDistinctVersion4Ids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestIds.fromHeaderOrNew(null);
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
