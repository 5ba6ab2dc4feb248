package io.oversight.signals;

/**
 * One piece of evidence.
 *
 * @param key       identifies the rule (or capitals word) so each rule counts once per signal
 * @param text      the matched text as written
 * @param weight    the rule weight
 * @param category  optional sub-category (e.g. legal), may be null
 * @param fromReply whether the match was found in the proposed reply rather than a customer message
 */
record Hit(String key, String text, double weight, String category, boolean fromReply) {

    Hit inReply() {
        return new Hit(key, text, weight, category, true);
    }
}
