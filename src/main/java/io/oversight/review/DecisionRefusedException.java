package io.oversight.review;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A review decision that may not stand; the task stays open. A form validation failure to the engine, so
 * engine-rest and Tasklist answer it as a 400 with this message (any other engine exception is a 500 there).
 */
public class DecisionRefusedException extends FormFieldValidationException {

    public DecisionRefusedException(String message) {
        super("decision", "Decision refused: " + message);
    }
}
