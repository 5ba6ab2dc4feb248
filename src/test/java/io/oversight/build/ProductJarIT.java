package io.oversight.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged product carries nothing of the benchmark: its code, models and profile live in
 * {@code bench/src/main}, which the build compiles into {@code target/bench-classes} for
 * {@code bench/run.sh} only. Runs by failsafe against the jar the build just packaged.
 */
class ProductJarIT {

    /** Anything of the benchmark: its package, its models' folder, its profile, its endpoint, its process ids. */
    private static final Pattern BENCH_ENTRY = Pattern.compile(
            "BOOT-INF/classes/(io/oversight/bench/.*|bench/.*|application-bench\\.(ya?ml|properties))");
    private static final List<String> BENCH_MARKERS = List.of("/api/bench", "id=\"bench-", "io/oversight/bench");

    @Test
    void theProductJarHoldsNoBenchmarkCodeModelsOrEndpoints() throws IOException {
        List<String> offending = new ArrayList<>();
        try (JarFile jar = new JarFile(productJar().toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (!name.startsWith("BOOT-INF/classes/") || entry.isDirectory()) {
                    continue;
                }
                if (BENCH_ENTRY.matcher(name).matches()) {
                    offending.add(name);
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    String content = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    BENCH_MARKERS.stream().filter(content::contains).forEach(m -> offending.add(name + " mentions " + m));
                }
            }
            assertThat(jar.getEntry("BOOT-INF/classes/io/oversight/OversightApplication.class"))
                    .as("the product's own classes are in the jar that was inspected").isNotNull();
        }
        assertThat(offending).as("benchmark entries in the product jar").isEmpty();
    }

    @Test
    void theBuildCompiledTheBenchmarkBesideTheProduct() throws IOException {
        Path benchClasses = productJar().getParent().resolve("bench-classes");
        try (Stream<Path> files = Files.walk(benchClasses)) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(p -> benchClasses.relativize(p).toString().replace('\\', '/')).toList();
            assertThat(names).contains("io/oversight/bench/BenchFillController.class",
                    "bench/bench-bare.bpmn", "bench/bench-trivial.dmn", "application-bench.yaml");
        }
    }

    private static Path productJar() {
        String jar = System.getProperty("oversight.jar");
        assertThat(jar).as("system property oversight.jar (set by failsafe)").isNotBlank();
        Path path = Path.of(jar);
        assertThat(path).as("the packaged product").isRegularFile();
        return path;
    }
}
