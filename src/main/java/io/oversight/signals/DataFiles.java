package io.oversight.signals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the YAML data files from the classpath (SnakeYAML for parsing, Jackson for binding). */
final class DataFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private DataFiles() {
    }

    /**
     * The format has no yes/no fields, so a boolean means an unquoted YAML 1.1 word such as no, yes, on or off
     * that was meant as text (e.g. the negation word "no"). Fail loudly instead of silently reading "false".
     */
    private static void rejectBooleans(Object node, String path) {
        if (node instanceof Boolean) {
            throw new IllegalStateException("unquoted yes/no/on/off/true/false at " + (path.isEmpty() ? "top" : path)
                    + " is read as a boolean; put the word in quotes, e.g. \"no\"");
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> rejectBooleans(value, path + "/" + key));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                rejectBooleans(list.get(i), path + "[" + i + "]");
            }
        }
    }

    static <T> T load(String resource, Class<T> type) {
        ClassLoader loader = DataFiles.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("signal data file not found on the classpath: " + resource);
            }
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            Object tree = yaml.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            if (tree == null) {
                throw new IllegalStateException("signal data file is empty: " + resource);
            }
            rejectBooleans(tree, "");
            return MAPPER.convertValue(tree, type);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException ise && ise.getMessage().startsWith("signal data file")) {
                throw ise;
            }
            throw new IllegalStateException("signal data file " + resource + " is invalid: " + e.getMessage(), e);
        }
    }
}
