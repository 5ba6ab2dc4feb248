package io.oversight.signals.embedding;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedding part of the signal model: which encoder, for which languages (as detected at run time), and one
 * {@link DenseHead} per signal. Stored inside the model file ({@link #write}/{@link #read}); example embeddings
 * are int8-quantised (one scale per vector), everything else is float.
 *
 * @param encoder   the encoder the heads were trained on ({@link SentenceEncoder#NAME})
 * @param languages ISO 639-1 codes whose messages get the ensemble; others are judged by the n-gram model alone
 * @param heads     signal name to head; empty for a model without embeddings
 */
public record DenseHeads(String encoder, List<String> languages, Map<String, DenseHead> heads) {

    /** No embedding heads: the n-gram model judges every message alone. */
    public static final DenseHeads NONE = new DenseHeads("", List.of(), Map.of());

    public DenseHeads {
        languages = List.copyOf(languages);
        heads = Collections.unmodifiableMap(new LinkedHashMap<>(heads));
    }

    public boolean covers(String language) {
        return !heads.isEmpty() && language != null && languages.contains(language);
    }

    public void write(DataOutput out) throws IOException {
        out.writeUTF(encoder);
        out.writeInt(languages.size());
        for (String language : languages) {
            out.writeUTF(language);
        }
        out.writeInt(heads.size());
        for (Map.Entry<String, DenseHead> e : heads.entrySet()) {
            DenseHead head = e.getValue();
            out.writeUTF(e.getKey());
            out.writeInt(head.weights().length);
            for (float[] vector : List.of(head.mean(), head.sd(), head.weights())) {
                for (float v : vector) {
                    out.writeFloat(v);
                }
            }
            out.writeFloat(head.bias());
            out.writeFloat(head.threshold());
            out.writeFloat(head.ensembleThreshold());
            out.writeFloat(head.skipBelow());
            out.writeFloat(head.decidesFrom());
            out.writeFloat(head.ngramWeight());
            out.writeInt(head.examples().size());
            for (DenseHead.Example example : head.examples()) {
                out.writeUTF(example.text());
                writeQuantised(out, example.embedding());
            }
        }
    }

    /** Reads what {@link #write} wrote; files written before the cascade (format 2) have none. */
    public static DenseHeads read(DataInput in, boolean withCascade) throws IOException {
        String encoder = in.readUTF();
        List<String> languages = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            languages.add(in.readUTF());
        }
        Map<String, DenseHead> heads = new LinkedHashMap<>();
        for (int h = in.readInt(); h > 0; h--) {
            String signal = in.readUTF();
            int dims = in.readInt();
            float[][] vectors = new float[3][dims];
            for (float[] vector : vectors) {
                for (int d = 0; d < dims; d++) {
                    vector[d] = in.readFloat();
                }
            }
            float bias = in.readFloat();
            float threshold = in.readFloat();
            float ensembleThreshold = in.readFloat();
            float skipBelow = withCascade ? in.readFloat() : DenseHead.NO_SKIP;
            float decidesFrom = withCascade ? in.readFloat() : DenseHead.NEVER_DECIDES;
            float ngramWeight = withCascade ? in.readFloat() : DenseHead.EQUAL_WEIGHT;
            List<DenseHead.Example> examples = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                String text = in.readUTF();
                examples.add(new DenseHead.Example(text, readQuantised(in, dims)));
            }
            heads.put(signal, new DenseHead(vectors[0], vectors[1], vectors[2], bias, threshold, ensembleThreshold,
                    skipBelow, decidesFrom, ngramWeight, examples));
        }
        return new DenseHeads(encoder, languages, heads);
    }

    private static void writeQuantised(DataOutput out, float[] vector) throws IOException {
        float max = 1e-9f;
        for (float v : vector) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max / Byte.MAX_VALUE;
        out.writeFloat(scale);
        for (float v : vector) {
            out.writeByte(Math.round(v / scale));
        }
    }

    private static float[] readQuantised(DataInput in, int dims) throws IOException {
        float scale = in.readFloat();
        float[] vector = new float[dims];
        for (int d = 0; d < dims; d++) {
            vector[d] = in.readByte() * scale;
        }
        return vector;
    }
}
