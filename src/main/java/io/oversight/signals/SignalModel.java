package io.oversight.signals;

import io.oversight.signals.embedding.DenseHead;
import io.oversight.signals.embedding.DenseHeads;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The learned detector: one logistic-regression head per signal over {@link TextFeatures}. Each head maps its
 * probability onto a score whose 0.5 is the head's operating point chosen by cross-validation at training time,
 * so the cut a designer sees in the escalation rules ({@code >= 0.5}) is the model's cut, and moving the cell
 * moves the trade-off. For the languages of {@code dense} (English) a second head per signal reads the message's
 * sentence embedding, and the final score is the mean of the two calibrated scores, re-calibrated so that the
 * ensemble's own operating point is 0.5 ({@link DenseHead#ensemble}). Written and read by {@link #write}/{@link #read}
 * (gzip, int16-quantised n-gram weights; format 1 files have no dense heads, format 2 files no cascade).
 *
 * @param version          identifies the training run; recorded in every RULES_EVALUATED audit event
 * @param coveredLanguages ISO 639-1 codes with enough training data to be judged
 * @param heads            signal name to n-gram head
 * @param dense            the embedding heads, {@link DenseHeads#NONE} for an n-gram-only model
 */
public record SignalModel(String version, List<String> coveredLanguages, Map<String, Head> heads, DenseHeads dense) {

    private static final int MAGIC = 0x4F56534D; // "OVSM"
    private static final int FORMAT = 3;

    /**
     * One signal's head. {@code threshold} is the probability that maps to the score 0.5. A head {@code bySentence}
     * scores a message of several sentences as its most telling part: the maximum of the whole message's and each
     * sentence's probability (chosen per signal by cross-validation at training time).
     */
    public record Head(float bias, float threshold, float[] weights, boolean bySentence) {

        /** A head that reads the whole message only. */
        public Head(float bias, float threshold, float[] weights) {
            this(bias, threshold, weights, false);
        }

        /** The message's probability: the whole text's, or for a head by sentence the highest of it and its sentences'. */
        double probability(TextFeatures.Vector whole, List<TextFeatures.Vector> sentences) {
            double p = probability(whole);
            if (bySentence) {
                for (TextFeatures.Vector sentence : sentences) {
                    p = Math.max(p, probability(sentence));
                }
            }
            return p;
        }

        double probability(TextFeatures.Vector v) {
            double z = bias;
            int[] idx = v.indices();
            float[] val = v.values();
            for (int i = 0; i < idx.length; i++) {
                z += weights[idx[i]] * val[i];
            }
            return 1.0 / (1.0 + Math.exp(-z));
        }

        /** Piecewise-linear: 0..threshold to 0..0.5 and threshold..1 to 0.5..1, rounded to two decimals. */
        double score(double probability) {
            return Scores.round(calibrated(probability));
        }

        /** The same, not rounded (the ensemble averages it with the dense head's). */
        double calibrated(double probability) {
            return DenseHead.calibrate(probability, threshold);
        }

        /** The features that pushed the score up most, readable words first. */
        List<String> evidence(TextFeatures.Vector v, int limit) {
            record Contribution(String name, double value) {
            }
            List<Contribution> all = new ArrayList<>();
            for (int i = 0; i < v.indices().length; i++) {
                double c = weights[v.indices()[i]] * v.values()[i];
                if (c > 0 && v.names()[i] != null) {
                    all.add(new Contribution(v.names()[i], c));
                }
            }
            all.sort(Comparator.comparingDouble(Contribution::value).reversed());
            List<String> words = new ArrayList<>();
            for (boolean charGrams : new boolean[] {false, true}) {
                for (Contribution c : all) {
                    String readable = readable(c.name());
                    if (c.name().startsWith("c:") == charGrams && readable != null && !words.contains(readable)
                            && words.size() < limit) {
                        words.add(readable);
                    }
                }
                if (!words.isEmpty()) {
                    break;
                }
            }
            return words;
        }

        private static String readable(String feature) {
            String body = feature.substring(2).strip();
            if (feature.startsWith("w:") || feature.startsWith("b:")) {
                return body.length() < 2 ? null : body;
            }
            if (feature.startsWith("x:")) {
                return body;
            }
            return body.length() >= 4 ? body + "…" : null;
        }
    }

    public SignalModel {
        coveredLanguages = List.copyOf(coveredLanguages);
        heads = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(heads));
        dense = dense == null ? DenseHeads.NONE : dense;
    }

    /** Whether some head reads sentence by sentence (then messages are split before scoring). */
    public boolean bySentence() {
        return heads.values().stream().anyMatch(Head::bySentence);
    }

    /** An n-gram-only model. */
    public SignalModel(String version, List<String> coveredLanguages, Map<String, Head> heads) {
        this(version, coveredLanguages, heads, DenseHeads.NONE);
    }

    public static SignalModel read(InputStream raw) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16))) {
            int format = in.readInt() == MAGIC ? in.readInt() : -1;
            if (format < 1 || format > FORMAT) {
                throw new IllegalStateException("not a signal model file of format 1 to " + FORMAT);
            }
            String version = in.readUTF();
            int dims = in.readInt();
            if (dims != TextFeatures.DIMENSIONS) {
                throw new IllegalStateException("model has " + dims + " features, the code " + TextFeatures.DIMENSIONS);
            }
            List<String> languages = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                languages.add(in.readUTF());
            }
            Map<String, Head> heads = new LinkedHashMap<>();
            for (int h = in.readInt(); h > 0; h--) {
                String name = in.readUTF();
                float bias = in.readFloat();
                float threshold = in.readFloat();
                float scale = in.readFloat();
                boolean bySentence = format >= 3 && in.readBoolean();
                float[] weights = new float[dims];
                for (int i = 0; i < dims; i++) {
                    weights[i] = in.readShort() * scale;
                }
                heads.put(name, new Head(bias, threshold, weights, bySentence));
            }
            return new SignalModel(version, languages, heads, format == 1 ? DenseHeads.NONE
                    : DenseHeads.read(in, format >= 3));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signal model", e);
        }
    }

    public void write(OutputStream raw) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(version);
            out.writeInt(TextFeatures.DIMENSIONS);
            out.writeInt(coveredLanguages.size());
            for (String language : coveredLanguages) {
                out.writeUTF(language);
            }
            out.writeInt(heads.size());
            for (Map.Entry<String, Head> e : heads.entrySet()) {
                Head head = e.getValue();
                float max = 1e-9f;
                for (float w : head.weights()) {
                    max = Math.max(max, Math.abs(w));
                }
                float scale = max / Short.MAX_VALUE;
                out.writeUTF(e.getKey());
                out.writeFloat(head.bias());
                out.writeFloat(head.threshold());
                out.writeFloat(scale);
                out.writeBoolean(head.bySentence());
                for (float w : head.weights()) {
                    out.writeShort(Math.round(w / scale));
                }
            }
            dense.write(out);
        }
    }
}
