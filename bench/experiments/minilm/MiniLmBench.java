import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Experiment (not product code): quantized all-MiniLM-L6-v2 sentence embeddings + a logistic head per signal,
 * compared by 5-fold cross-validation with the n-gram model on the English training messages.
 *
 * embed MODEL.onnx TOKENIZER.json DATA.tsv CACHE.bin   one embedding pass, cached; latency at 16/32/64 tokens
 * cv    DATA.tsv CACHE.bin                             5-fold CV of logistic heads, tables in markdown
 *
 * DATA.tsv is written by ngram/io/oversight/signals/NgramOof (fold, labels, n-gram out-of-fold scores, text).
 * Only the onnxruntime jar is on the class path; nothing here opens a network connection.
 */
public final class MiniLmBench {

    static final String[] HEADS = {"anger", "sensitiveTopic", "securityConcern", "billingDispute", "humanRequested"};
    static final int MAX_TOKENS = 128;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "embed" -> embed(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
            case "cv" -> cv(Path.of(args[1]), Path.of(args[2]));
            case "boot" -> boot(Path.of(args[1]), Path.of(args[2]), Double.parseDouble(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---------------------------------------------------------------- data

    record Row(int fold, List<String> labels, double[] ngram, String text) {
    }

    static List<Row> readRows(Path tsv) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            double[] ng = new double[HEADS.length];
            for (int h = 0; h < HEADS.length; h++) {
                ng[h] = Double.parseDouble(c[2 + h]);
            }
            String text = unescape(c[2 + HEADS.length]);
            rows.add(new Row(Integer.parseInt(c[0]), c[1].isEmpty() ? List.of() : List.of(c[1].split(",")), ng, text));
        }
        return rows;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- WordPiece (BERT uncased)

    static final class WordPiece {
        final Map<String, Integer> vocab = new HashMap<>();
        final int cls;
        final int sep;
        final int unk;

        WordPiece(Path tokenizerJson) throws Exception {
            String json = Files.readString(tokenizerJson, StandardCharsets.UTF_8);
            int model = json.indexOf("\"model\"");
            int start = json.indexOf("\"vocab\"", model);
            int open = json.indexOf('{', start);
            // entries are "token": id; tokens are JSON strings with escapes
            int i = open + 1;
            while (true) {
                while (Character.isWhitespace(json.charAt(i)) || json.charAt(i) == ',') {
                    i++;
                }
                if (json.charAt(i) == '}') {
                    break;
                }
                StringBuilder tok = new StringBuilder();
                i++; // opening quote
                while (json.charAt(i) != '"') {
                    char ch = json.charAt(i);
                    if (ch == '\\') {
                        char n = json.charAt(++i);
                        switch (n) {
                            case 'u' -> {
                                tok.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                                i += 4;
                            }
                            case 'n' -> tok.append('\n');
                            case 't' -> tok.append('\t');
                            case 'r' -> tok.append('\r');
                            case 'b' -> tok.append('\b');
                            case 'f' -> tok.append('\f');
                            default -> tok.append(n);
                        }
                    } else {
                        tok.append(ch);
                    }
                    i++;
                }
                i++; // closing quote
                while (json.charAt(i) != ':') {
                    i++;
                }
                i++;
                while (Character.isWhitespace(json.charAt(i))) {
                    i++;
                }
                int j = i;
                while (Character.isDigit(json.charAt(j))) {
                    j++;
                }
                vocab.put(tok.toString(), Integer.parseInt(json.substring(i, j)));
                i = j;
            }
            cls = vocab.get("[CLS]");
            sep = vocab.get("[SEP]");
            unk = vocab.get("[UNK]");
        }

        long[] encode(String text) {
            List<Integer> ids = new ArrayList<>();
            ids.add(cls);
            outer:
            for (String word : basic(text)) {
                if (word.length() > 100) {
                    ids.add(unk);
                    continue;
                }
                List<Integer> pieces = new ArrayList<>();
                int start = 0;
                while (start < word.length()) {
                    int end = word.length();
                    Integer found = null;
                    while (start < end) {
                        String sub = (start > 0 ? "##" : "") + word.substring(start, end);
                        Integer id = vocab.get(sub);
                        if (id != null) {
                            found = id;
                            break;
                        }
                        end--;
                    }
                    if (found == null) {
                        ids.add(unk);
                        if (ids.size() >= MAX_TOKENS - 1) {
                            break outer;
                        }
                        continue outer;
                    }
                    pieces.add(found);
                    start = end;
                }
                for (int p : pieces) {
                    ids.add(p);
                    if (ids.size() >= MAX_TOKENS - 1) {
                        break outer;
                    }
                }
            }
            ids.add(sep);
            return ids.stream().mapToLong(Integer::longValue).toArray();
        }

        /** BertNormalizer (clean text, CJK spacing, lower-case, strip accents) + BertPreTokenizer. */
        static List<String> basic(String text) {
            StringBuilder clean = new StringBuilder();
            text.codePoints().forEach(cp -> {
                if (cp == 0 || cp == 0xFFFD || (Character.isISOControl(cp) && cp != '\t' && cp != '\n' && cp != '\r')) {
                    return;
                }
                if (Character.isWhitespace(cp) || Character.getType(cp) == Character.SPACE_SEPARATOR) {
                    clean.append(' ');
                } else if (isCjk(cp)) {
                    clean.append(' ').appendCodePoint(cp).append(' ');
                } else {
                    clean.appendCodePoint(cp);
                }
            });
            String lower = clean.toString().toLowerCase(Locale.ROOT);
            String folded = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{Mn}", "");
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            folded.codePoints().forEach(cp -> {
                if (cp == ' ') {
                    flush(cur, out);
                } else if (isPunct(cp)) {
                    flush(cur, out);
                    out.add(new String(Character.toChars(cp)));
                } else {
                    cur.appendCodePoint(cp);
                }
            });
            flush(cur, out);
            return out;
        }

        static void flush(StringBuilder cur, List<String> out) {
            if (cur.length() > 0) {
                out.add(cur.toString());
                cur.setLength(0);
            }
        }

        static boolean isPunct(int cp) {
            if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
                return true;
            }
            int t = Character.getType(cp);
            return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
                    || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                    || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                    || t == Character.OTHER_PUNCTUATION;
        }

        static boolean isCjk(int cp) {
            return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                    || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
        }
    }

    // ---------------------------------------------------------------- ONNX embedding

    static final class Embedder implements AutoCloseable {
        final OrtEnvironment env = OrtEnvironment.getEnvironment();
        final OrtSession session;
        final boolean tokenTypes;

        Embedder(Path onnx) throws Exception {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx.toString(), options);
            tokenTypes = session.getInputNames().contains("token_type_ids");
        }

        float[] embed(long[] ids) throws Exception {
            long[] shape = {1, ids.length};
            long[] mask = new long[ids.length];
            Arrays.fill(mask, 1L);
            long[] types = new long[ids.length];
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try (OnnxTensor tIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                 OnnxTensor tMask = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                 OnnxTensor tTypes = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape)) {
                inputs.put("input_ids", tIds);
                inputs.put("attention_mask", tMask);
                if (tokenTypes) {
                    inputs.put("token_type_ids", tTypes);
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    float[][][] hidden = (float[][][]) result.get(0).getValue(); // [1, tokens, 384]
                    int dims = hidden[0][0].length;
                    float[] pooled = new float[dims];
                    for (int t = 0; t < ids.length; t++) { // mask is all ones: no padding with batch size 1
                        for (int d = 0; d < dims; d++) {
                            pooled[d] += hidden[0][t][d];
                        }
                    }
                    double norm = 0;
                    for (int d = 0; d < dims; d++) {
                        pooled[d] /= ids.length;
                        norm += pooled[d] * pooled[d];
                    }
                    norm = Math.max(Math.sqrt(norm), 1e-12);
                    for (int d = 0; d < dims; d++) {
                        pooled[d] /= norm;
                    }
                    return pooled;
                }
            }
        }

        @Override
        public void close() throws Exception {
            session.close();
        }
    }

    static void embed(Path onnx, Path tokenizer, Path data, Path cache) throws Exception {
        List<Row> rows = readRows(data);
        WordPiece wp = new WordPiece(tokenizer);
        System.out.println("vocab=" + wp.vocab.size() + " rows=" + rows.size());
        System.out.println("tokens(\"I want to talk to a human, NOW!\")="
                + Arrays.toString(wp.encode("I want to talk to a human, NOW! Café résumé")));
        Runtime rt = Runtime.getRuntime();
        long t0 = System.nanoTime();
        try (Embedder e = new Embedder(onnx)) {
            System.out.printf(Locale.ROOT, "session inputs=%s load_ms=%.0f%n", e.session.getInputNames(),
                    (System.nanoTime() - t0) / 1e6);
            float[][] emb = new float[rows.size()][];
            long[] nanos = new long[rows.size()];
            int[] lengths = new int[rows.size()];
            int truncated = 0;
            for (int i = 0; i < rows.size(); i++) {
                long s = System.nanoTime();
                long[] ids = wp.encode(rows.get(i).text());
                emb[i] = e.embed(ids);
                nanos[i] = System.nanoTime() - s;
                lengths[i] = ids.length;
                if (ids.length >= MAX_TOKENS - 1) {
                    truncated++;
                }
            }
            int[] sortedLen = lengths.clone();
            Arrays.sort(sortedLen);
            System.out.printf(Locale.ROOT, "data pass: n=%d tokens p50=%d p90=%d max=%d truncated=%d; per message ms p50=%.1f p99=%.1f total_s=%.1f%n",
                    rows.size(), sortedLen[sortedLen.length / 2], sortedLen[(int) (sortedLen.length * 0.9)],
                    sortedLen[sortedLen.length - 1], truncated, pct(nanos, 0.5), pct(nanos, 0.99),
                    Arrays.stream(nanos).sum() / 1e9);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache)))) {
                out.writeInt(emb.length);
                out.writeInt(emb[0].length);
                for (float[] v : emb) {
                    for (float f : v) {
                        out.writeFloat(f);
                    }
                }
            }
            // sanity: cosine similarities of a few pairs
            String[][] pairs = {{"I want to speak to a real person.", "Can I talk to a human agent please?"},
                    {"I want to speak to a real person.", "What are your opening hours?"}};
            for (String[] p : pairs) {
                float[] a = e.embed(wp.encode(p[0]));
                float[] b = e.embed(wp.encode(p[1]));
                double dot = 0;
                for (int d = 0; d < a.length; d++) {
                    dot += a[d] * b[d];
                }
                System.out.printf(Locale.ROOT, "cos(%s | %s)=%.3f%n", p[0], p[1], dot);
            }
            // latency at fixed token counts (including [CLS]/[SEP]), single intra-op thread
            for (int len : new int[] {16, 32, 64}) {
                long[] ids = new long[len];
                ids[0] = wp.cls;
                ids[len - 1] = wp.sep;
                long[] words = WordPiece.basic(
                        "my account was charged twice and nobody answers the phone so please let me speak to a manager about the refund today because this is not acceptable at all and I am very upset with the service").stream().mapToLong(w -> wp.vocab.getOrDefault(w, wp.unk)).toArray();
                for (int k = 1; k < len - 1; k++) {
                    ids[k] = words[(k - 1) % words.length];
                }
                for (int w = 0; w < 30; w++) {
                    e.embed(ids);
                }
                long[] ns = new long[200];
                for (int r = 0; r < ns.length; r++) {
                    long s = System.nanoTime();
                    e.embed(ids);
                    ns[r] = System.nanoTime() - s;
                }
                System.out.printf(Locale.ROOT, "latency tokens=%d ms p50=%.2f p99=%.2f%n", len, pct(ns, 0.5), pct(ns, 0.99));
            }
            System.gc();
            System.out.printf(Locale.ROOT, "java heap used MB=%.0f%n", (rt.totalMemory() - rt.freeMemory()) / 1e6);
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS") || l.startsWith("VmHWM")) {
                    System.out.println(l.replaceAll("\\s+", " "));
                }
            }
        }
    }

    static double pct(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(q * s.length))] / 1e6;
    }

    // ---------------------------------------------------------------- CV

    static float[][] readCache(Path cache) throws Exception {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
            int n = in.readInt();
            int d = in.readInt();
            float[][] x = new float[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    x[i][j] = in.readFloat();
                }
            }
            return x;
        }
    }

    /** Full-batch gradient descent on standardised features, L2 on the weights (not the bias). Last element = bias. */
    static double[] train(float[][] x, boolean[] y, int[] idx, double l2, int epochs, double lr, double[] mean, double[] sd) {
        int d = x[0].length;
        double[] w = new double[d + 1];
        double[] m = new double[d + 1];
        double[] v = new double[d + 1];
        double[] g = new double[d + 1];
        double b1 = 0.9;
        double b2 = 0.999;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Arrays.fill(g, 0);
            for (int i : idx) {
                double z = w[d];
                for (int j = 0; j < d; j++) {
                    z += w[j] * (x[i][j] - mean[j]) / sd[j];
                }
                double err = sigmoid(z) - (y[i] ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    g[j] += err * (x[i][j] - mean[j]) / sd[j];
                }
                g[d] += err;
            }
            for (int j = 0; j <= d; j++) { // Adam on the mean loss + l2/2 |w|^2
                double gj = g[j] / idx.length + (j < d ? l2 * w[j] : 0);
                m[j] = b1 * m[j] + (1 - b1) * gj;
                v[j] = b2 * v[j] + (1 - b2) * gj * gj;
                double mh = m[j] / (1 - Math.pow(b1, epoch));
                double vh = v[j] / (1 - Math.pow(b2, epoch));
                w[j] -= lr * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        return w;
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    static double[] outOfFold(float[][] x, boolean[] y, int[] fold, double l2, int epochs) {
        int n = x.length;
        int d = x[0].length;
        double[] oof = new double[n];
        for (int f = 0; f < 5; f++) {
            final int ff = f;
            int[] tr = java.util.stream.IntStream.range(0, n).filter(i -> fold[i] != ff).toArray();
            double[] mean = new double[d];
            double[] sd = new double[d];
            for (int i : tr) {
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i][j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= tr.length;
            }
            for (int i : tr) {
                for (int j = 0; j < d; j++) {
                    sd[j] += (x[i][j] - mean[j]) * (x[i][j] - mean[j]);
                }
            }
            for (int j = 0; j < d; j++) {
                sd[j] = Math.sqrt(sd[j] / tr.length) + 1e-6;
            }
            double[] w = train(x, y, tr, l2, epochs, 0.01, mean, sd);
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    double z = w[d];
                    for (int j = 0; j < d; j++) {
                        z += w[j] * (x[i][j] - mean[j]) / sd[j];
                    }
                    oof[i] = sigmoid(z);
                }
            }
        }
        return oof;
    }

    record Tally(double t, int tp, int fp, int fn) {
        double p() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        double r() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        String cells() {
            return String.format(Locale.ROOT, "%.3f | %d/%d/%d | %.2f | %.2f", t, tp, fp, fn, p(), r());
        }
    }

    static Tally tally(double[] p, boolean[] y, double t) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < p.length; i++) {
            boolean pr = p[i] >= t;
            if (pr && y[i]) tp++;
            else if (pr) fp++;
            else if (y[i]) fn++;
        }
        return new Tally(t, tp, fp, fn);
    }

    /** Highest threshold (fine grid) whose pooled out-of-fold recall is at least the target. */
    static Tally atRecall(double[] p, boolean[] y, double target) {
        Tally best = tally(p, y, 0);
        for (int k = 1; k <= 1000; k++) {
            Tally t = tally(p, y, k / 1000.0);
            if (t.r() >= target) {
                best = t;
            }
        }
        return best;
    }

    /** Production rule: threshold 0.05..0.95 step 0.01 maximising F1.5. */
    static Tally bestF(double[] p, boolean[] y) {
        Tally best = null;
        double bestF = -1;
        for (int s = 5; s <= 95; s++) {
            Tally t = tally(p, y, s / 100.0);
            double b2 = 2.25;
            double f = t.tp == 0 ? 0 : (1 + b2) * t.tp / ((1 + b2) * t.tp + b2 * t.fn + t.fp);
            if (f > bestF) {
                bestF = f;
                best = t;
            }
        }
        return best;
    }

    /** The product's score: piecewise-linear map putting the operating point at 0.5. */
    static double[] score(double[] p, double threshold) {
        double t = Math.min(0.99, Math.max(0.01, threshold));
        double[] s = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = p[i] < t ? 0.5 * p[i] / t : 0.5 + 0.5 * (p[i] - t) / (1.0 - t);
        }
        return s;
    }

    static double auc(double[] p, boolean[] y) {
        Integer[] o = new Integer[p.length];
        for (int i = 0; i < o.length; i++) o[i] = i;
        Arrays.sort(o, (a, b) -> Double.compare(p[a], p[b]));
        double rankSum = 0;
        long pos = 0;
        for (int r = 0; r < o.length; r++) {
            if (y[o[r]]) {
                rankSum += r + 1;
                pos++;
            }
        }
        long neg = p.length - pos;
        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }

    static void cv(Path data, Path cache) throws Exception {
        List<Row> rows = readRows(data);
        float[][] x = readCache(cache);
        int n = rows.size();
        int[] fold = rows.stream().mapToInt(Row::fold).toArray();
        double[] l2s = {1e-2, 1e-1, 3e-1, 1.0};
        int epochs = 300;
        System.out.println("English messages: " + n + "; folds as in the production trainer; heads: Adam, " + epochs
                + " full-batch epochs, lr 0.01, standardised features");
        boolean[][] ys = new boolean[HEADS.length][n];
        for (int h = 0; h < HEADS.length; h++) {
            for (int i = 0; i < n; i++) {
                ys[h][i] = rows.get(i).labels().contains(HEADS[h]);
            }
        }
        // one L2 for all heads: the one with the best mean out-of-fold AUC (a single global choice, little optimism)
        double[][][] oofs = new double[l2s.length][HEADS.length][];
        StringBuilder reg = new StringBuilder("\nL2 sweep (out-of-fold AUC of the MiniLM head):\n\n| signal |");
        for (double l2 : l2s) reg.append(" ").append(l2).append(" |");
        reg.append("\n|---|").append("---:|".repeat(l2s.length)).append("\n");
        double[] meanAuc = new double[l2s.length];
        for (int h = 0; h < HEADS.length; h++) {
            reg.append("| ").append(HEADS[h]);
            for (int k = 0; k < l2s.length; k++) {
                oofs[k][h] = outOfFold(x, ys[h], fold, l2s[k], epochs);
                double a = auc(oofs[k][h], ys[h]);
                meanAuc[k] += a / HEADS.length;
                reg.append(String.format(Locale.ROOT, " | %.4f", a));
            }
            reg.append(" |\n");
        }
        int bestK = 0;
        for (int k = 1; k < l2s.length; k++) if (meanAuc[k] > meanAuc[bestK]) bestK = k;
        reg.append("| mean");
        for (double a : meanAuc) reg.append(String.format(Locale.ROOT, " | %.4f", a));
        reg.append(" |\n\nchosen L2 = ").append(l2s[bestK]).append("\n");
        double[] modelMd = {0.12, 0.10, 0.12, 0.12, 0.15};
        StringBuilder check = new StringBuilder("\nn-gram English rows at MODEL.md operating points (reproduction check):\n");
        StringBuilder main = new StringBuilder();
        main.append("\n| signal | pos | model | AUC | F1.5 thr | TP/FP/FN | P | R | @0.5 TP/FP/FN | P | R | R≥0.95 thr | TP/FP/FN | P | R |\n");
        main.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int h = 0; h < HEADS.length; h++) {
            String s = HEADS[h];
            boolean[] y = ys[h];
            double[] ng = new double[n];
            int pos = 0;
            for (int i = 0; i < n; i++) {
                ng[i] = rows.get(i).ngram()[h];
                pos += y[i] ? 1 : 0;
            }
            double[] emb = oofs[bestK][h];
            check.append(s).append(": ").append(tally(ng, y, modelMd[h]).cells()).append("\n");
            double[] maxRaw = new double[n];
            double[] ngS = score(ng, bestF(ng, y).t());
            double[] embS = score(emb, bestF(emb, y).t());
            double[] maxS = new double[n];
            double[] mean = new double[n];
            for (int i = 0; i < n; i++) {
                maxRaw[i] = Math.max(ng[i], emb[i]);
                maxS[i] = Math.max(ngS[i], embS[i]);
                mean[i] = (ngS[i] + embS[i]) / 2;
            }
            String[] names = {"n-gram (current)", "MiniLM + LR", "max(raw p)", "max(scores)", "mean(scores)"};
            double[][] ps = {ng, emb, maxRaw, maxS, mean};
            for (int m = 0; m < names.length; m++) {
                main.append(String.format(Locale.ROOT, "| %s | %d | %s | %.3f | %s | %s | %s |\n", m == 0 ? s : "", pos,
                        names[m], auc(ps[m], y), bestF(ps[m], y).cells(), tally(ps[m], y, 0.5).cells().substring(8),
                        atRecall(ps[m], y, 0.95).cells()));
            }
        }
        System.out.println(main);
        System.out.println(reg);
        System.out.println(check);
    }

    /** Precision at the smallest top-k of the ranking that reaches the recall target (ties ignored). */
    static double precisionAtRecall(double[] p, boolean[] y, int[] sample, double target) {
        Integer[] o = new Integer[sample.length];
        int pos = 0;
        for (int k = 0; k < sample.length; k++) {
            o[k] = sample[k];
            pos += y[sample[k]] ? 1 : 0;
        }
        Arrays.sort(o, (a, b) -> Double.compare(p[b], p[a]));
        int need = (int) Math.ceil(target * pos);
        int tp = 0;
        for (int r = 0; r < o.length; r++) {
            if (y[o[r]] && ++tp >= need) {
                return (double) tp / (r + 1);
            }
        }
        return (double) tp / o.length;
    }

    static double aucOf(double[] p, boolean[] y, int[] sample) {
        double[] ps = new double[sample.length];
        boolean[] ys = new boolean[sample.length];
        for (int k = 0; k < sample.length; k++) {
            ps[k] = p[sample[k]];
            ys[k] = y[sample[k]];
        }
        return auc(ps, ys);
    }

    /** Paired bootstrap over messages of the out-of-fold scores (heads not retrained): n-gram vs MiniLM and vs mean. */
    static void boot(Path data, Path cache, double l2) throws Exception {
        List<Row> rows = readRows(data);
        float[][] x = readCache(cache);
        int n = rows.size();
        int[] fold = rows.stream().mapToInt(Row::fold).toArray();
        java.util.Random random = new java.util.Random(7);
        int reps = 1000;
        System.out.println("\n| signal | comparison | ΔAUC [95% CI] | Δprecision@R0.95 [95% CI] |\n|---|---|---:|---:|");
        for (int h = 0; h < HEADS.length; h++) {
            boolean[] y = new boolean[n];
            double[] ng = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = rows.get(i).labels().contains(HEADS[h]);
                ng[i] = rows.get(i).ngram()[h];
            }
            double[] emb = outOfFold(x, y, fold, l2, 300);
            double[] ngS = score(ng, bestF(ng, y).t());
            double[] embS = score(emb, bestF(emb, y).t());
            double[] mean = new double[n];
            for (int i = 0; i < n; i++) {
                mean[i] = (ngS[i] + embS[i]) / 2;
            }
            String[] names = {"MiniLM − n-gram", "mean(scores) − n-gram"};
            double[][] alt = {emb, mean};
            for (int m = 0; m < 2; m++) {
                double[] dA = new double[reps];
                double[] dP = new double[reps];
                for (int r = 0; r < reps; r++) {
                    int[] sample = new int[n];
                    for (int k = 0; k < n; k++) {
                        sample[k] = random.nextInt(n);
                    }
                    dA[r] = aucOf(alt[m], y, sample) - aucOf(ng, y, sample);
                    dP[r] = precisionAtRecall(alt[m], y, sample, 0.95) - precisionAtRecall(ng, y, sample, 0.95);
                }
                int[] all = java.util.stream.IntStream.range(0, n).toArray();
                Arrays.sort(dA);
                Arrays.sort(dP);
                System.out.printf(Locale.ROOT, "| %s | %s | %+.3f [%+.3f, %+.3f] | %+.3f [%+.3f, %+.3f] |%n",
                        m == 0 ? HEADS[h] : "", names[m], aucOf(alt[m], y, all) - aucOf(ng, y, all),
                        dA[(int) (0.025 * reps)], dA[(int) (0.975 * reps)],
                        precisionAtRecall(alt[m], y, all, 0.95) - precisionAtRecall(ng, y, all, 0.95),
                        dP[(int) (0.025 * reps)], dP[(int) (0.975 * reps)]);
            }
        }
    }
}
