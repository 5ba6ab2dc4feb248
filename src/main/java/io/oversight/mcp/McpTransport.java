package io.oversight.mcp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.oversight.security.Caller;
import java.util.Map;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The MCP server at {@code /mcp}: the official MCP Java SDK's Streamable HTTP transport as a
 * servlet. The security chain authenticates each request by its Bearer agent key first; the
 * transport hands the resulting {@link Caller} to the tools with every request.
 */
@Configuration
class McpTransport {

    static final String ENDPOINT = "/mcp";
    static final String CALLER = "oversight.caller";

    @Bean
    McpJsonMapper mcpJsonMapper() {
        // the SDK's own mapper settings: its protocol records must not follow the application's JSON settings
        return new JacksonMcpJsonMapper(new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));
    }

    @Bean
    HttpServletStreamableServerTransportProvider mcpTransportProvider(McpJsonMapper json) {
        return HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(ENDPOINT)
                .contextExtractor(request -> callerContext())
                .build();
    }

    @Bean
    ServletRegistrationBean<HttpServletStreamableServerTransportProvider> mcpServlet(
            HttpServletStreamableServerTransportProvider provider) {
        var registration = new ServletRegistrationBean<>(provider, ENDPOINT);
        registration.setName("mcp");
        registration.setAsyncSupported(true);
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean(destroyMethod = "close")
    McpAsyncServer mcpServer(HttpServletStreamableServerTransportProvider provider, McpJsonMapper json,
            OversightTools tools, PolicyResource policies) {
        return McpServer.async(provider)
                .jsonMapper(json)
                .serverInfo("oversight", "1.0.0")
                .instructions("Submit every customer-facing reply or action with submit_proposal before sending or doing "
                        + "it, and follow the answer's text: send when APPROVED, show the customerMessage and wait with "
                        + "get_proposal while a person reviews. Read oversight://policies/{workflow} to learn a "
                        + "workflow's oversight mode in advance.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                .tools(tools.all())
                .resourceTemplates(policies.template())
                .build();
    }

    private static McpTransportContext callerContext() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller && caller.isAgent()) {
            return McpTransportContext.create(Map.of(CALLER, caller));
        }
        return McpTransportContext.EMPTY;
    }
}
