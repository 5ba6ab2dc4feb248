package io.oversight.signals;

import io.oversight.signals.embedding.DenseHead;
import io.oversight.signals.embedding.DenseHeads;
import io.oversight.signals.embedding.SentenceEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Scores one customer message with every learned head and detects its language. Messages in a language of the
 * model's dense heads (English) are also embedded, and each signal's score is the ensemble of both models
 * ({@link DenseHead#ensemble}); other messages are scored by the n-gram heads alone.
 */
final class LearnedSignals {

    static final String MODEL_RESOURCE = "signals/model/signal-model.bin";
    private static final int EVIDENCE_FEATURES = 4;
    private static final int NEAREST_EXAMPLES = 2;
    private static final int EXAMPLE_CHARS = 80;
    /** Below this score a signal's evidence is not worth a reviewer's attention (nor the work of finding it). */
    private static final double EVIDENCE_FROM = 0.25;

    /**
     * What the model says about one message: scores and evidence per signal, its language (or null), and per
     * signal how the ensemble arrived at its score (empty when the n-gram model judged alone).
     */
    record Judgement(Map<String, Double> scores, Map<String, List<String>> evidence, String language,
                     Map<String, String> ensemble) {
    }

    private final SignalModel model;
    private final LanguageGuard languages;
    private final CompletableFuture<SentenceEncoder> encoder;

    LearnedSignals(SignalModel model, LanguageGuard languages, CompletableFuture<SentenceEncoder> encoder) {
        this.model = model;
        this.languages = languages;
        this.encoder = encoder;
        DenseHeads dense = model.dense();
        if (!dense.heads().isEmpty() && !SentenceEncoder.NAME.equals(dense.encoder())) {
            throw new IllegalStateException("model " + model.version() + " was trained on embeddings of "
                    + dense.encoder() + ", this build has " + SentenceEncoder.NAME);
        }
    }

    static LearnedSignals fromClasspath(String resource) {
        try (InputStream in = LearnedSignals.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("signal model not found on the classpath: " + resource
                        + " (build it with ./mvnw -q test-compile exec:java@train-signals)");
            }
            SignalModel model = SignalModel.read(in);
            return new LearnedSignals(model, new LanguageGuard(),
                    model.dense().heads().isEmpty() ? null : SentenceEncoder.shared());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the sentence encoder this model needs is loaded: UP, LOADING or FAILED (UP when it needs none). */
    EncoderState encoderState() {
        if (encoder == null || (encoder.isDone() && !encoder.isCompletedExceptionally())) {
            return EncoderState.UP;
        }
        return encoder.isDone() ? EncoderState.FAILED : EncoderState.LOADING;
    }

    enum EncoderState { UP, LOADING, FAILED }

    SignalModel model() {
        return model;
    }

    boolean covers(String language) {
        return language == null || model.coveredLanguages().contains(language);
    }

    Judgement judge(String text) {
        TextFeatures.Vector v = TextFeatures.of(text);
        String language = languages.detect(text);
        DenseHeads dense = model.dense();
        float[] embedding = dense.covers(language) ? encoder.join().embed(text) : null;
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, List<String>> evidence = new LinkedHashMap<>();
        Map<String, String> ensemble = new LinkedHashMap<>();
        model.heads().forEach((signal, head) -> {
            double ngram = head.calibrated(head.probability(v));
            DenseHead denseHead = embedding == null ? null : dense.heads().get(signal);
            double score = ngram;
            if (denseHead != null) {
                double sentence = denseHead.calibrated(embedding);
                score = denseHead.ensemble(ngram, sentence);
                ensemble.put(signal, explain(ngram, sentence, score >= EVIDENCE_FROM
                        ? denseHead.nearest(embedding, NEAREST_EXAMPLES) : List.of()));
            }
            score = Scores.round(score);
            scores.put(signal, score);
            evidence.put(signal, score >= EVIDENCE_FROM ? head.evidence(v, EVIDENCE_FEATURES) : List.of());
        });
        return new Judgement(Map.copyOf(scores), Map.copyOf(evidence), language, Map.copyOf(ensemble));
    }

    private static String explain(double ngram, double sentence, List<DenseHead.Nearest> nearest) {
        String parts = "n-gram " + Scores.format(Scores.round(ngram)) + ", sentence embedding "
                + Scores.format(Scores.round(sentence));
        if (nearest.isEmpty()) {
            return parts;
        }
        return parts + "; nearest labelled examples " + nearest.stream()
                .map(n -> "\"" + shortened(n.text()) + "\" (" + Scores.format(Scores.round(n.similarity())) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String shortened(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= EXAMPLE_CHARS ? oneLine : oneLine.substring(0, EXAMPLE_CHARS - 1) + "…";
    }
}
