package io.oversight.security;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The action systems (billing, CRM, …) and the external task topics each one serves
 * ({@code oversight.action-systems.billing.topics: [action-refund, action-credit]}). Each system is
 * one Camunda group, {@code action-system-<name>}, created in every profile; its members are the
 * system's technical accounts and may work the external tasks of these topics and nothing else.
 */
@ConfigurationProperties("oversight")
public record ActionSystemProperties(@DefaultValue Map<String, ActionSystem> actionSystems) {

    public static final String GROUP_PREFIX = "action-system-";

    public record ActionSystem(@DefaultValue Set<String> topics) {}

    /** The Camunda group of one action system. */
    public static String groupId(String system) {
        return GROUP_PREFIX + system;
    }

    /** Group id to topics, in a stable order. */
    public Map<String, Set<String>> topicsByGroup() {
        Map<String, Set<String>> byGroup = new TreeMap<>();
        actionSystems.forEach((name, system) -> byGroup.put(groupId(name), Set.copyOf(system.topics())));
        return byGroup;
    }

    /** The topics a member of these groups may work, or empty if none of them is an action system's group. */
    public Set<String> topicsOf(Iterable<String> groupIds) {
        Map<String, Set<String>> byGroup = topicsByGroup();
        Set<String> topics = new LinkedHashSet<>();
        for (String group : groupIds) {
            topics.addAll(byGroup.getOrDefault(group, Set.of()));
        }
        return topics;
    }

    /** Whether any of these groups is an action system's group. */
    public boolean isActionSystem(Iterable<String> groupIds) {
        Map<String, Set<String>> byGroup = topicsByGroup();
        for (String group : groupIds) {
            if (byGroup.containsKey(group)) {
                return true;
            }
        }
        return false;
    }
}
