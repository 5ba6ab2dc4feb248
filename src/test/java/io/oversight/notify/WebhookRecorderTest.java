package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookRecorderTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://agent.example.com/hooks/oversight", "http://127.0.0.1:8080/hooks", "HTTPS://Agent.Example.com"})
    void httpAndHttpsCallbacksAreCalled(String url) {
        assertThat(WebhookRecorder.isHttp(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://agent.example.com/x", "jar:file:/x!/y", "/relative/path",
            "https:///no-host", "http://bad host/", "mailto:ops@example.com"})
    void anythingElseIsNeverCalled(String url) {
        assertThat(WebhookRecorder.isHttp(url)).isFalse();
    }
}
