package io.oversight.signals;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Which language a customer writes in (optimaize language-detector, n-gram profiles of the covered languages
 * and of the most common other ones, so "other" can be recognised). A text too short or too mixed to tell
 * yields {@code null}: it is judged as if covered, since most such texts are "ok", "thanks" or an order number.
 */
final class LanguageGuard {

    /** Profiles loaded: the six the data writers use plus frequent other languages of European support desks. */
    static final List<String> PROFILES = List.of("en", "de", "fr", "es", "nl", "it", "pt", "pl", "sv", "da",
            "no", "fi", "tr", "ru", "cs", "ro", "hu", "el", "ar", "ja", "zh-CN");
    /** Below this many letters a text is not judged (too short to tell a language reliably). */
    static final int MIN_LETTERS = 12;
    /** A language is only taken as detected from this probability up. */
    static final double MIN_PROBABILITY = 0.80;

    private static final Pattern NOISE = Pattern.compile("(https?://\\S+|\\S+@\\S+|[\\p{N}#/_.:-]{2,})");

    /** Loading the profiles takes a few seconds: it runs in the background, so start-up does not wait for it. */
    private final CompletableFuture<LanguageDetector> detector = CompletableFuture.supplyAsync(LanguageGuard::load);
    private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingShortCleanText();

    private static LanguageDetector load() {
        try {
            List<LanguageProfile> profiles = new LanguageProfileReader().read(PROFILES);
            return LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load language profiles", e);
        }
    }

    /** ISO 639-1 code (zh-CN style for Chinese), or null when the text does not say clearly. */
    String detect(String text) {
        if (text == null) {
            return null;
        }
        String clean = NOISE.matcher(text).replaceAll(" ");
        if (clean.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            return null;
        }
        List<DetectedLanguage> found = detector.join().getProbabilities(texts.forText(clean));
        if (found.isEmpty() || found.get(0).getProbability() < MIN_PROBABILITY) {
            return null;
        }
        return found.get(0).getLocale().toString();
    }
}
