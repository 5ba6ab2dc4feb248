package io.oversight.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Who is calling the Oversight API: an AI agent (by API key) or a person (a Camunda user). */
public record Caller(String id, Kind kind, Set<String> groups) {

    public enum Kind { AGENT, USER }

    public static Caller agent(String agentId) {
        return new Caller(agentId, Kind.AGENT, Set.of());
    }

    public static Caller user(String userId, Collection<String> groups) {
        return new Caller(userId, Kind.USER, Set.copyOf(groups));
    }

    public boolean isAgent() {
        return kind == Kind.AGENT;
    }

    public boolean isMemberOfAny(List<String> candidates) {
        return candidates.stream().anyMatch(groups::contains);
    }

    /** Roles for Spring Security: AGENT for agents, GROUP_&lt;id&gt; per Camunda group for people. */
    List<String> authorities() {
        if (isAgent()) {
            return List.of("ROLE_AGENT");
        }
        return groups.stream().map(g -> "ROLE_GROUP_" + g).toList();
    }
}
