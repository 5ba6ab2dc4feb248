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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
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
     * signal how the ensemble arrived at its score (empty when the n-gram model judged alone). {@code complete}
     * is false when the message needed its sentence embedding and the encoder could not give it: the scores are
     * then the n-gram model's alone, and the message must go to a person. {@code embedded} says whether the
     * sentence encoder read the message (the cascade skips it when the n-gram scores decide alone).
     */
    record Judgement(Map<String, Double> scores, Map<String, List<String>> evidence, String language,
                     Map<String, String> ensemble, boolean complete, boolean embedded) {
    }

    private final SignalModel model;
    private final LanguageGuard languages;
    private final CompletableFuture<SentenceEncoder> encoder;
    /** Messages judged, by how: embedded, decided by the n-gram model alone (the cascade), not fully judged. */
    private final LongAdder embedded = new LongAdder();
    private final LongAdder decidedAlone = new LongAdder();
    private final LongAdder notJudged = new LongAdder();

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

    /** Counts of English messages judged so far: {embedded, decided by the n-gram model alone, not fully judged}. */
    long[] cascadeCounts() {
        return new long[] {embedded.sum(), decidedAlone.sum(), notJudged.sum()};
    }

    SignalModel model() {
        return model;
    }

    boolean covers(String language) {
        return language == null || model.coveredLanguages().contains(language);
    }

    /**
     * Scores the message. For a language of the dense heads the n-gram scores come first; the message is embedded
     * only when some signal's n-gram score lies in its head's undecided band ({@link DenseHead#needsEmbedding}),
     * which most routine messages do not.
     */
    Judgement judge(String text) {
        TextFeatures.Vector v = TextFeatures.of(text);
        String language = languages.detect(text);
        DenseHeads dense = model.dense();
        Map<String, Double> ngram = new LinkedHashMap<>();
        List<TextFeatures.Vector> sentences = model.bySentence()
                ? Sentences.of(text).stream().map(TextFeatures::of).toList() : List.of();
        model.heads().forEach((signal, head) -> ngram.put(signal, head.calibrated(head.probability(v, sentences))));
        boolean covered = dense.covers(language);
        boolean needed = covered && ngram.entrySet().stream().anyMatch(e -> {
            DenseHead head = dense.heads().get(e.getKey());
            return head != null && head.needsEmbedding(e.getValue());
        });
        float[] embedding = needed ? embed(text) : null;
        boolean complete = !needed || embedding != null;
        if (embedding != null) {
            embedded.increment();
        } else if (!complete) {
            notJudged.increment();
        } else if (covered) {
            decidedAlone.increment();
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, List<String>> evidence = new LinkedHashMap<>();
        Map<String, String> ensemble = new LinkedHashMap<>();
        model.heads().forEach((signal, head) -> {
            double alone = ngram.get(signal);
            DenseHead denseHead = covered ? dense.heads().get(signal) : null;
            double score = alone;
            if (denseHead != null && embedding != null) {
                double sentence = denseHead.calibrated(embedding);
                score = denseHead.ensemble(alone, sentence);
                ensemble.put(signal, explain(alone, sentence, score >= EVIDENCE_FROM
                        ? denseHead.nearest(embedding, NEAREST_EXAMPLES) : List.of()));
            } else if (denseHead != null && complete) {
                score = denseHead.withoutEmbedding(alone);
                ensemble.put(signal, "n-gram " + Scores.format(Scores.round(alone)) + " decides alone ("
                        + (alone >= denseHead.decidesFrom() ? "high enough that" : "low enough that")
                        + " the sentence embedding could not change the outcome)");
            } else if (denseHead != null) {
                ensemble.put(signal, "n-gram " + Scores.format(Scores.round(alone))
                        + " alone: the sentence encoder is unavailable");
            }
            score = Scores.round(score);
            scores.put(signal, score);
            evidence.put(signal, score >= EVIDENCE_FROM ? head.evidence(v, EVIDENCE_FEATURES) : List.of());
        });
        return new Judgement(Map.copyOf(scores), Map.copyOf(evidence), language, Map.copyOf(ensemble), complete,
                embedding != null);
    }

    /** The message's embedding, or null when the encoder failed to load (the caller routes to a person). */
    private float[] embed(String text) {
        SentenceEncoder loaded;
        try {
            loaded = encoder.join();
        } catch (CompletionException | CancellationException e) {
            return null;
        }
        return loaded.embed(text);
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
