package io.oversight.signals;

import java.util.ArrayList;
import java.util.List;

/**
 * The ASCII letters and digits a match of a regular expression must begin with, read from its source when that is
 * plain: a literal letter, or a group whose every alternative begins with one (nested groups included). Anything
 * else (a character class, an escape, an optional first element, inline flags) gives null: no filter. The
 * patterns are case-insensitive and the text lower-cased, so a letter stands for itself in lower case.
 */
final class FirstChars {

    private FirstChars() {
    }

    /** A table indexed by ASCII code, or null when the first character cannot be read from the source. */
    static boolean[] of(String regex) {
        boolean[] table = new boolean[128];
        return allCollect(regex, table) ? table : null;
    }

    /**
     * For a regular expression whose every top-level alternative begins with {@code \b}: the first characters
     * after it (see {@link #of}), or null. {@code atBoundary} is then true for the whole expression.
     */
    static boolean atBoundary(String regex) {
        return alternatives(regex).stream().allMatch(a -> a.startsWith("\\b"));
    }

    /** After {@link #atBoundary}: the first characters of what follows each alternative's {@code \b}, or null. */
    static boolean[] afterBoundary(String regex) {
        boolean[] table = new boolean[128];
        for (String alternative : alternatives(regex)) {
            if (!collect(alternative.substring(2), table)) {
                return null;
            }
        }
        return table;
    }

    private static boolean collect(String regex, boolean[] table) {
        if (regex.isEmpty()) {
            return false;
        }
        if (alternatives(regex).size() > 1) {
            return allCollect(regex, table);
        }
        char c = regex.charAt(0);
        if (c < 128 && Character.isLetterOrDigit(c)) {
            if (regex.length() > 1 && "?*{".indexOf(regex.charAt(1)) >= 0) {
                return false;
            }
            table[Character.toLowerCase(c)] = true;
            return true;
        }
        if (c != '(') {
            return false;
        }
        int bodyStart = 1;
        if (regex.startsWith("(?:")) {
            bodyStart = 3;
        } else if (regex.startsWith("(?")) {
            return false;
        }
        int close = closing(regex);
        if (close < 0 || (close + 1 < regex.length() && "?*{".indexOf(regex.charAt(close + 1)) >= 0)) {
            return false;
        }
        for (String alternative : alternatives(regex.substring(bodyStart, close))) {
            if (!collect(alternative, table)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allCollect(String regex, boolean[] table) {
        for (String alternative : alternatives(regex)) {
            if (!collect(alternative, table)) {
                return false;
            }
        }
        return true;
    }

    /** The index of the parenthesis closing the one at 0, or -1. */
    private static int closing(String regex) {
        int[] found = {-1};
        walk(regex, (i, c, depth) -> {
            if (c == ')' && depth == 0) {
                found[0] = i;
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** The top-level alternatives of a group's body (or of a whole expression). */
    static List<String> alternatives(String body) {
        List<String> out = new ArrayList<>();
        int[] start = {0};
        walk(body, (i, c, depth) -> {
            if (c == '|' && depth == 0) {
                out.add(body.substring(start[0], i));
                start[0] = i + 1;
            }
            return true;
        });
        out.add(body.substring(start[0]));
        return out;
    }

    /** What {@link #walk} reports: a character outside escapes and character classes, and the group depth around it. */
    private interface Visitor {
        /** @return false to stop the walk */
        boolean visit(int index, char c, int depth);
    }

    /** Visits the source's structural characters; a parenthesis is reported at the depth outside it. */
    private static void walk(String regex, Visitor visitor) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == ')') {
                depth--;
                if (!visitor.visit(i, c, depth)) {
                    return;
                }
            } else if (!visitor.visit(i, c, depth)) {
                return;
            } else if (c == '(') {
                depth++;
            }
        }
    }
}
