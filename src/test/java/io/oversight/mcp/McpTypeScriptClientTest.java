package io.oversight.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.oversight.support.OversightTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The MCP server driven by the official TypeScript MCP client ({@code @modelcontextprotocol/sdk},
 * pinned in {@code .ci/mcp-client}), the client most agent frameworks are built on. Needs Node.js
 * and {@code npm ci} in {@code .ci/mcp-client}; CI ({@code .ci/run}) installs it, elsewhere the test
 * is skipped with that hint — but never in CI.
 */
@OversightTest
class McpTypeScriptClientTest {

    private static final Path CLIENT = Path.of(".ci", "mcp-client");

    @LocalServerPort int port;

    @Test
    void theOfficialTypeScriptClientConnectsSubmitsWaitsAndAnswers() throws IOException, InterruptedException {
        boolean installed = Files.isDirectory(CLIENT.resolve("node_modules/@modelcontextprotocol/sdk"));
        assumeTrue(installed || System.getenv("CI") != null,
                "run `npm ci` in .ci/mcp-client (Node.js 20+) to drive the MCP server with the TypeScript client");

        Process node = new ProcessBuilder("node", CLIENT.resolve("check.mjs").toString(), "http://localhost:" + port,
                "demo-agent-key", Path.of("src/main/resources/demo/examples").toString())
                .redirectErrorStream(true).start();
        boolean finished = node.waitFor(3, TimeUnit.MINUTES);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }

        assertThat(finished).as("the client finished: %s", output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("mcp client check passed");
    }
}
