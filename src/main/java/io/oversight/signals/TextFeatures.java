package io.oversight.signals;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message into the sparse feature vector the learned heads read: word uni- and bi-grams and character
 * 3- to 5-grams of the lower-cased, accent-folded text (character n-grams carry typos, inflections and other
 * languages), plus two shape features (capitals, repeated punctuation). Features are hashed into
 * {@link #DIMENSIONS} buckets; words and characters are each scaled to unit length. The same code featurises for training and at run
 * time, so the two cannot drift apart.
 */
public final class TextFeatures {

    /** Number of hash buckets (2^18). Part of the model format: a model records the value it was trained with. */
    public static final int DIMENSIONS = 1 << 18;
    /** Only the start of very long texts (pasted email threads) is read, to keep detection fast. */
    static final int MAX_CHARS = 1200;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}]+)?");
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
    private static final Pattern DIGITS = Pattern.compile("\\p{N}");
    static final float WORD_SHARE = Float.parseFloat(System.getProperty("ovs.wordShare", "1.0"));
    static final float CHAR_SHARE = Float.parseFloat(System.getProperty("ovs.charShare", "1.0"));
    static final int MIN_WORD_FEATURES = Integer.getInteger("ovs.minWords", 1);
    static final int MIN_CHAR_FEATURES = Integer.getInteger("ovs.minChars", 1);
    private static final Pattern SPACES = Pattern.compile("[^\\p{L}\\p{N}'!?]+");

    /**
     * A hashed, normalised feature vector. {@code names} holds the readable feature of each index (the first
     * one that hashed there), used to explain a score.
     */
    public record Vector(int[] indices, float[] values, String[] names) {
    }

    private TextFeatures() {
    }

    /** Lower case, typographic apostrophes straightened, accents folded (é→e, ß→ss), digits as 0. */
    public static String normalize(String text) {
        String limited = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String lower = limited.replace('\u2019', '\'').replace('`', '\'').toLowerCase(Locale.ROOT).replace("ß", "ss");
        String folded = COMBINING.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return DIGITS.matcher(folded).replaceAll("0");
    }

    public static Vector of(String text) {
        String norm = normalize(text == null ? "" : text);
        List<String> words = words(norm);
        Map<String, Float> wordFeatures = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            wordFeatures.put("w:" + words.get(i), 1.0f);
            if (i + 1 < words.size()) {
                wordFeatures.put("b:" + words.get(i) + " " + words.get(i + 1), 1.0f);
            }
        }
        Map<String, Float> charFeatures = new LinkedHashMap<>();
        String spaced = " " + String.join(" ", words) + " ";
        for (int n = 3; n <= 5; n++) {
            for (int i = 0; i + n <= spaced.length(); i++) {
                charFeatures.put("c:" + spaced.substring(i, i + n), 1.0f);
            }
        }
        Map<String, Float> shapeFeatures = new LinkedHashMap<>();
        shape(text == null ? "" : text, shapeFeatures);
        Map<Integer, Float> buckets = new LinkedHashMap<>();
        Map<Integer, String> names = new LinkedHashMap<>();
        addFamily(buckets, names, wordFeatures, WORD_SHARE, MIN_WORD_FEATURES);
        addFamily(buckets, names, charFeatures, CHAR_SHARE, MIN_CHAR_FEATURES);
        shapeFeatures.forEach((name, value) -> add(buckets, names, name, value));
        return vector(buckets, names);
    }

    /**
     * Each family is scaled to the given norm, so long and short messages weigh alike, except that a very short
     * message (fewer features than {@code floor}) weighs less: two words are little evidence either way.
     */
    private static void addFamily(Map<Integer, Float> buckets, Map<Integer, String> names, Map<String, Float> family,
                                  float share, int floor) {
        if (family.isEmpty()) {
            return;
        }
        float scale = (float) (share / Math.sqrt(Math.max(floor, family.size())));
        family.forEach((name, value) -> add(buckets, names, name, value * scale));
    }

    static List<String> words(String normalized) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(normalized);
        while (m.find()) {
            words.add(m.group().replace("'", ""));
        }
        return words;
    }

    private static void shape(String original, Map<String, Float> features) {
        int capitalWords = 0;
        int wordCount = 0;
        Matcher m = WORD.matcher(original);
        while (m.find()) {
            wordCount++;
            String w = m.group();
            if (w.length() >= 3 && w.chars().allMatch(c -> !Character.isLetter(c) || Character.isUpperCase(c))
                    && w.chars().anyMatch(Character::isLetter)) {
                capitalWords++;
            }
        }
        features.put("x:length " + (wordCount <= 3 ? "1-3" : wordCount <= 8 ? "4-8" : wordCount <= 20 ? "9-20" : "21+"),
                0.5f);
        if (capitalWords > 0) {
            features.put("x:capitals", capitalWords >= 2 ? 0.5f : 0.25f);
        }
        if (wordCount >= 3 && capitalWords * 2 >= wordCount) {
            features.put("x:shouting", 0.5f);
        }
        if (original.contains("!!") || original.contains("?!") || original.contains("!?") || original.contains("??")) {
            features.put("x:repeated punctuation", 0.4f);
        }
        if (SPACES.matcher(original).replaceAll("").isEmpty()) {
            features.put("x:empty", 0.5f);
        }
    }

    private static void add(Map<Integer, Float> buckets, Map<Integer, String> names, String feature, float value) {
        int index = bucket(feature);
        buckets.merge(index, value, Float::sum);
        names.putIfAbsent(index, feature);
    }

    static int bucket(String feature) {
        int h = feature.hashCode() * 0x9E3779B9;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h & (DIMENSIONS - 1);
    }

    private static Vector vector(Map<Integer, Float> buckets, Map<Integer, String> names) {
        int[] indices = new int[buckets.size()];
        float[] values = new float[buckets.size()];
        String[] labels = new String[buckets.size()];
        int i = 0;
        for (Map.Entry<Integer, Float> e : buckets.entrySet()) {
            indices[i] = e.getKey();
            values[i] = e.getValue();
            labels[i] = names.get(e.getKey());
            i++;
        }
        return new Vector(indices, values, labels);
    }

}
