package io.attain.targets.service;

import io.attain.support.problem.Problem;
import io.attain.support.problem.ProblemException;
import io.attain.targets.domain.decomposition.DecompositionException;
import io.attain.targets.domain.decomposition.DecompositionException.Reason;

import java.util.List;
import java.util.function.Supplier;

/**
 * Translates the engine's refusals into problem+json, one stable type per {@link Reason}
 * ({@code https://attain.io/problems/<reason-in-kebab-case>}).
 *
 * <p>400 when one value of the request is wrong on its own (a negative target, percentages that do not add
 * up to 100, a rate above 1): the field is named. 422 when the values are each fine but do not fit together
 * (pins above their parent, a path naming no node, a level keyed by a later one, a result too large).
 */
final class DecompositionProblems {

    private DecompositionProblems() {
    }

    /** Runs one step of building a request, naming {@code field} as the culprit when the engine refuses it. */
    static <T> T at(String field, Supplier<T> step) {
        try {
            return step.get();
        } catch (DecompositionException e) {
            throw problem(e, field);
        }
    }

    static ProblemException problem(DecompositionException e, String field) {
        int status = statusOf(e.reason());
        List<Problem.FieldError> errors = field == null ? List.of() : List.of(new Problem.FieldError(field, e.getMessage()));
        String detail = field == null ? e.getMessage() : field + ": " + e.getMessage();
        return new ProblemException(status, slugOf(e.reason()), titleOf(e.reason()), detail, errors);
    }

    /** A request whose tree would be larger than a preview may return. */
    static ProblemException tooLarge(String detail) {
        return new ProblemException(422, "decomposition-too-large", "Decomposition too large", detail,
                List.of(new Problem.FieldError("levels", detail)));
    }

    static int statusOf(Reason reason) {
        return switch (reason) {
            case NON_POSITIVE_WEIGHT, PERCENTAGES_DO_NOT_SUM_TO_100, NEGATIVE_HISTORY, NON_POSITIVE_PARENT,
                 TOO_MANY_DECIMALS, NEGATIVE_PIN, NEGATIVE_COMMITMENT, INVALID_CONVERSION_RATE,
                 NON_POSITIVE_DEAL_SIZE, NEGATIVE_TARGET, NO_CHILDREN, DUPLICATE_KEY -> 400;
            case ALL_ZERO_HISTORY, VALUE_TOO_LARGE, UNIT_MISMATCH, PINS_EXCEED_PARENT, PINS_DO_NOT_MATCH_PARENT,
                 UNKNOWN_KEY, INVALID_LEVEL -> 422;
        };
    }

    static String slugOf(Reason reason) {
        return reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static String titleOf(Reason reason) {
        return switch (reason) {
            case NO_CHILDREN -> "Nothing to split into";
            case DUPLICATE_KEY -> "Duplicate key";
            case NON_POSITIVE_WEIGHT -> "Weight not positive";
            case PERCENTAGES_DO_NOT_SUM_TO_100 -> "Percentages do not add up to 100";
            case NEGATIVE_HISTORY -> "Negative history";
            case ALL_ZERO_HISTORY -> "No history to share by";
            case NON_POSITIVE_PARENT -> "Value not positive";
            case TOO_MANY_DECIMALS -> "Too many decimals";
            case VALUE_TOO_LARGE -> "Value too large";
            case UNIT_MISMATCH -> "Unit mismatch";
            case NEGATIVE_PIN -> "Negative pin";
            case PINS_EXCEED_PARENT -> "Pins exceed their parent";
            case PINS_DO_NOT_MATCH_PARENT -> "Pins do not match their parent";
            case NEGATIVE_COMMITMENT -> "Negative commitment";
            case UNKNOWN_KEY -> "Unknown key";
            case INVALID_LEVEL -> "Invalid level";
            case INVALID_CONVERSION_RATE -> "Invalid conversion rate";
            case NON_POSITIVE_DEAL_SIZE -> "Deal size not positive";
            case NEGATIVE_TARGET -> "Negative target";
        };
    }
}
