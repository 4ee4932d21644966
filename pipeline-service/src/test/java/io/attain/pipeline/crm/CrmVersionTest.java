package io.attain.pipeline.crm;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CrmVersionTest {

    private static final Instant T1 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void shouldOrderByVersionFirst() {
        assertThat(new CrmVersion(3L, T1).isNewerThan(new CrmVersion(2L, T2))).isTrue();
        assertThat(new CrmVersion(2L, T2).isNewerThan(new CrmVersion(3L, T1))).isFalse();
        assertThat(new CrmVersion(3L, null).isNewerThan(new CrmVersion(3L, null))).isFalse();
    }

    @Test
    void shouldOrderByUpdateTimeWhenVersionsTieOrAreAbsent() {
        assertThat(new CrmVersion(3L, T2).isNewerThan(new CrmVersion(3L, T1))).isTrue();
        assertThat(new CrmVersion(null, T2).isNewerThan(new CrmVersion(null, T1))).isTrue();
        assertThat(new CrmVersion(null, T1).isNewerThan(new CrmVersion(null, T1))).isFalse();
        assertThat(new CrmVersion(null, T1).isNewerThan(new CrmVersion(null, T2))).isFalse();
        assertThat(new CrmVersion(5L, null).isNewerThan(new CrmVersion(null, T1))).isFalse();
    }

    @Test
    void shouldConvergeWhateverTheDeliveryOrder() {
        CrmVersion[] deliveries = {new CrmVersion(1L, T1), new CrmVersion(2L, T1), new CrmVersion(3L, T2)};
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] order : orders) {
            CrmVersion applied = deliveries[order[0]];
            for (int i = 1; i < order.length; i++) {
                if (deliveries[order[i]].isNewerThan(applied)) {
                    applied = deliveries[order[i]];
                }
            }
            assertThat(applied).isEqualTo(deliveries[2]);
        }
    }
}
