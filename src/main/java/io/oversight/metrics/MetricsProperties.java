package io.oversight.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Micrometer snapshot: how often it is recomputed ({@code oversight.metrics.refresh-interval},
 * also read by the {@code @Scheduled} placeholder) and over which window ending now
 * ({@code oversight.metrics.snapshot-window}). Prometheus scrapes read the last snapshot; no scrape
 * ever runs a query.
 */
@ConfigurationProperties("oversight.metrics")
record MetricsProperties(@DefaultValue("30s") Duration refreshInterval, @DefaultValue("24h") Duration snapshotWindow) {}
