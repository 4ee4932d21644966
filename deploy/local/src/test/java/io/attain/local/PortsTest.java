package io.attain.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void freePortsAreDistinct() {
        Ports ports = Ports.free();
        Set<Integer> distinct = new HashSet<>(ports.byOwner(EnumSet.allOf(Service.class)).values());
        assertThat(distinct).hasSize(8);
    }

    @Test
    void aBusyPortIsReportedWithWhatNeedsIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // chosen while the socket is bound, so none of them can be the taken port
            Ports free = Ports.free();
            Ports ports = new Ports(free.gateway(), free.targets(), taken.getLocalPort(), free.incentive(),
                    free.keycloak(), free.kafka(), free.kafkaController(), free.postgres());

            assertThatThrownBy(() -> ports.requireAvailable(EnumSet.allOf(Service.class)))
                    .isInstanceOf(SuiteException.class)
                    .hasMessageContaining(taken.getLocalPort() + " (pipeline-service)");
            // a service left out of the suite may be running on its port already (e.g. in quarkus:dev)
            assertThatCode(() -> ports.requireAvailable(EnumSet.complementOf(EnumSet.of(Service.PIPELINE))))
                    .doesNotThrowAnyException();
        }
    }
}
