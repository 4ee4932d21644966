package io.attain.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void oneNodeIsBrokerAndControllerWithEveryReplicationFactorOne() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(KafkaBroker.serverProperties(19092, 19093, Path.of("/data/kafka"))));

        assertThat(properties.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(properties.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093");
        assertThat(properties.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://localhost:19092");
        assertThat(properties.getProperty("controller.quorum.voters")).isEqualTo("1@localhost:19093");
        assertThat(properties.getProperty("log.dirs")).isEqualTo("/data/kafka");
        assertThat(properties.stringPropertyNames())
                .filteredOn(name -> name.endsWith("replication.factor") || name.endsWith("min.isr"))
                .hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(name -> assertThat(properties.getProperty(name)).as(name).isEqualTo("1"));
    }
}
