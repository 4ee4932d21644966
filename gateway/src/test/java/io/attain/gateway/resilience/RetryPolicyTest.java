package io.attain.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpMethod;

class RetryPolicyTest {

    @Test
    void shouldAllowOnlyTheListedMethods() {
        RetryPolicy policy = new RetryPolicy(2, Set.of(HttpMethod.GET, HttpMethod.PUT), 1024, 50);

        assertThat(policy.allows(HttpMethod.GET)).isTrue();
        assertThat(policy.allows(HttpMethod.PUT)).isTrue();
        assertThat(policy.allows(HttpMethod.DELETE)).isFalse();
        assertThat(policy.allows(HttpMethod.POST)).isFalse();
    }

    @Test
    void shouldAllowNothingWithASingleAttempt() {
        RetryPolicy policy = new RetryPolicy(1, Set.of(HttpMethod.GET), 1024, 50);

        assertThat(policy.allows(HttpMethod.GET)).isFalse();
    }

    @Test
    void shouldRefuseToRetryMethodsThatAreNotIdempotent() {
        assertThatThrownBy(() -> new RetryPolicy(2, Set.of(HttpMethod.GET, HttpMethod.POST), 1024, 50))
                .hasMessageContaining("idempotent");
        assertThatThrownBy(() -> new RetryPolicy(2, Set.of(HttpMethod.PATCH), 1024, 50))
                .hasMessageContaining("idempotent");
    }
}
