package io.oversight.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Nodes of one test class on one database: started together (their start-up serialises itself on
 * the database where it must), stopped together by PID.
 */
final class Cluster implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    private final List<AppNode> nodes = new ArrayList<>();

    /** Starts all named nodes at once and waits until every one is ready. */
    List<AppNode> start(AppNode.Config config, String... names) {
        List<AppNode> started = new ArrayList<>();
        for (String name : names) {
            AppNode node = AppNode.start(name, config);
            nodes.add(node);
            started.add(node);
        }
        started.forEach(node -> node.awaitReady(START_TIMEOUT));
        return started;
    }

    AppNode start(String name, AppNode.Config config) {
        return start(config, name).get(0);
    }

    @Override
    public void close() {
        nodes.parallelStream().forEach(AppNode::close);
        nodes.clear();
    }
}
