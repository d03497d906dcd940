package dev.realtime.chat.gateway;

import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The app on a random port against the real Redis and Cassandra of this JVM (test-support). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.auth.jwt-secret=integration-tests-secret-0123456789abcdef",
        "chat.auth.bcrypt-strength=4" })
public abstract class ApiIntegrationTestSupport {

    protected static final ChatTestInfrastructure INFRA = ChatTestInfrastructure.get();
    protected static Seeds seeds;

    @Autowired
    protected TestRestTemplate rest;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.registerProperties(registry);
    }

    @BeforeAll
    static void openSeeds() {
        seeds = null;
    }

    @AfterAll
    static void closeSeeds() {
        if (seeds != null) {
            seeds.close();
            seeds = null;
        }
    }

    protected ApiClient api() {
        return new ApiClient(rest, INFRA.runId());
    }

    /** Seeds need the schema, which the app applies at start: call from tests, not from static init. */
    protected Seeds seeds() {
        if (seeds == null) {
            seeds = new Seeds(INFRA);
        }
        return seeds;
    }
}
