package io.oversight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalService;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The demo run: people and groups, and on first start one proposal of each example submitted
 * through the same path an agent uses, so Tasklist shows real escalations waiting in their queues.
 */
@Component
@ConditionalOnProperty(name = "oversight.demo.enabled", havingValue = "true")
class DemoData {

    static final String DEMO_AGENT = "demo-agent";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final DemoIdentities identities;
    private final ProposalService proposals;
    private final ObjectMapper mapper;
    private final DemoProperties properties;

    DemoData(DemoIdentities identities, ProposalService proposals, ObjectMapper mapper, DemoProperties properties) {
        this.identities = identities;
        this.proposals = proposals;
        this.mapper = mapper;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void seed() throws IOException {
        identities.create();
        if (!properties.seedProposals()) {
            return;
        }
        Resource[] examples = new PathMatchingResourcePatternResolver().getResources("classpath*:demo/examples/*.json");
        for (Resource example : examples) {
            try (InputStream in = example.getInputStream()) {
                JsonNode body = mapper.readTree(in);
                var submission = proposals.submit(DEMO_AGENT, mapper.treeToValue(body, ProposalRequest.class), body);
                log.info("Demo proposal {} -> {} {}", example.getFilename(), submission.document().status(),
                        submission.document().reasons());
            }
        }
    }
}
