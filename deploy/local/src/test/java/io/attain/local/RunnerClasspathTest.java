package io.attain.local;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerClasspathTest {

    @Test
    void theChildClasspathHoldsTheKafkaServerJars() {
        // whether this JVM got a plain classpath or a manifest-only jar (surefire), Kafka must be reachable
        assertThat(Arrays.asList(RunnerClasspath.asString().split(File.pathSeparator)))
                .anyMatch(entry -> entry.contains("kafka_2.13"))
                .anyMatch(entry -> entry.contains("kafka-clients"))
                .anyMatch(entry -> entry.contains("log4j-slf4j2-impl"));
    }
}
