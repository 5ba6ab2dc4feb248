package io.oversight.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reviewer and QA verdicts as labelled training examples, JSON Lines, for the owner to review and add to
 * {@code src/test/resources/signals/feedback/}. support-leads, qa or camunda-admin (the API's security chain).
 */
@RestController
@RequestMapping("/api/v1/feedback")
class FeedbackController {

    private final FeedbackExamples examples;
    private final ObjectMapper mapper;

    FeedbackController(FeedbackExamples examples, ObjectMapper mapper) {
        this.examples = examples;
        this.mapper = mapper;
    }

    @GetMapping("/examples")
    ResponseEntity<byte[]> examples(@RequestParam(required = false) String from, @RequestParam(required = false) String to)
            throws IOException {
        FeedbackWindow window = FeedbackWindow.of(from, to, Instant.now());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FeedbackExample example : examples.between(window)) {
            out.write(mapper.writeValueAsBytes(example));
            out.write('\n');
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON).body(out.toByteArray());
    }
}
