package io.oversight.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("oversight.demo")
record DemoProperties(boolean enabled, @DefaultValue("true") boolean seedProposals) {}
