package io.oversight.metrics;

import io.oversight.web.InvalidRequestException;

/** Numbers from query parameters, refused with a 400 naming the parameter when they are not whole numbers in range. */
final class QueryParameters {

    private QueryParameters() {}

    static Integer wholeNumber(String name, String value, Integer byDefault, long min, long max) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min && number <= max) {
                return (int) number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw InvalidRequestException.of(name, "must be a whole number from " + min + " to " + max);
    }

    static Double ratio(String name, String value, double byDefault) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            double number = Double.parseDouble(value.strip());
            if (number >= 0 && number <= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw InvalidRequestException.of(name, "must be a number from 0 to 1");
    }
}
