package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo profile lets a local agent receive callbacks, and nothing else that is not public. */
@OversightTest
class DemoProfileCallbacksTest {

    @LocalServerPort int port;

    @Test
    void aLocalAgentMayBeCalledBackInTheDemo() {
        var api = new ApiClient("http://localhost:" + port);
        for (String url : new String[] {"http://localhost:9/hooks", "http://127.0.0.1:9/hooks", "http://[::1]:9/hooks"}) {
            var response = api.submit(ApiClient.freshExample("routine-reply").put("callbackUrl", url));
            assertThat(response.status()).as(url + ": " + response.body()).isEqualTo(201);
        }
    }

    @Test
    void privateAndMetadataAddressesAreRefusedInTheDemoToo() {
        var api = new ApiClient("http://localhost:" + port);
        for (String url : new String[] {"http://10.0.0.1/hooks", "http://169.254.169.254/", "http://127.0.0.2/"}) {
            var response = api.submit(ApiClient.freshExample("routine-reply").put("callbackUrl", url));
            assertThat(response.status()).as(url).isEqualTo(400);
            assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("callbackUrl");
        }
    }
}
