package io.attain.support;

import io.attain.testing.InfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest of this module runs against the real PostgreSQL and Kafka of test-support. */
@QuarkusTestResource(InfrastructureResource.class)
public class TestInfrastructure {
}
