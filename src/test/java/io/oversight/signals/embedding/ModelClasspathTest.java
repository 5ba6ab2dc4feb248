package io.oversight.signals.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The langchain4j model artifact is on the classpath for its two resources only: none of DJL (whose tokenizer
 * contacts a cloud metadata address unless {@code offline=true}) and none of langchain4j's own classes may come
 * with it, and every test JVM runs with {@code offline=true} anyway.
 */
class ModelClasspathTest {

    @Test
    void noDjlAndNoLangchain4jCoreOnTheClasspath() throws IOException {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(Collections.list(loader.getResources("ai/djl"))).isEmpty();
        assertThat(Collections.list(loader.getResources("dev/langchain4j/data"))).isEmpty();
        for (String name : new String[] {"ai.djl.huggingface.tokenizers.HuggingFaceTokenizer", "ai.djl.engine.Engine",
                "ai.djl.util.Utils", "dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel",
                "dev.langchain4j.data.embedding.Embedding"}) {
            assertThatThrownBy(() -> Class.forName(name, false, loader)).as(name).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void theModelResourcesAreThereAndTestsRunOffline() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(loader.getResource(SentenceEncoder.MODEL_RESOURCE)).isNotNull();
        assertThat(loader.getResource(SentenceEncoder.TOKENIZER_RESOURCE)).isNotNull();
        assertThat(System.getProperty("offline")).isEqualTo("true");
    }
}
