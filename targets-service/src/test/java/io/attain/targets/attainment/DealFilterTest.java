package io.attain.targets.attainment;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DealFilterTest {

    @Test
    void shouldReadDimensionsInEitherSpelling() {
        assertThat(DealFilter.of(Map.of("productLine", "A", "REGION", "华东", "customer_tier", "KA",
                "channel", "直销", "NEW_VS_EXISTING", "new")))
                .isEqualTo(new DealFilter("A", "华东", "KA", "直销", true));
        assertThat(DealFilter.of(Map.of("newVsExisting", "EXISTING")).newCustomer()).isFalse();
        assertThat(DealFilter.of(Map.of())).isEqualTo(DealFilter.ANY);
    }

    @Test
    void shouldRefuseDimensionsDealsDoNotCarry() {
        assertThatThrownBy(() -> DealFilter.of(Map.of("industry", "retail")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("industry");
        assertThatThrownBy(() -> DealFilter.of(Map.of("newVsExisting", "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NEW or EXISTING");
    }
}
