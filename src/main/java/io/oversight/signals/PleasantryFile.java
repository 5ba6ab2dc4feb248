package io.oversight.signals;

import java.util.List;

/**
 * The content of {@code signals/missingContext.yaml}: regular expressions that each match one whole
 * pleasantry or holding fragment of a reply (e.g. "happy to help", "let me check that for you").
 */
record PleasantryFile(String signal, List<String> pleasantries) {

    PleasantryFile {
        pleasantries = pleasantries == null ? List.of() : List.copyOf(pleasantries);
    }
}
