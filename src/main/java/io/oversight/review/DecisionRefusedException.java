package io.oversight.review;

import org.camunda.bpm.engine.exception.NotValidException;

/** A review decision that may not stand; the task stays open. */
public class DecisionRefusedException extends NotValidException {

    public DecisionRefusedException(String message) {
        super("Decision refused: " + message);
    }
}
