package io.attain.pipeline.service;

import io.attain.support.problem.ProblemException;
import io.quarkus.panache.common.Sort;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The orders an account list may be sorted in: {@code ?sort=name}, a leading minus for descending. */
public enum AccountSort {
    NAME("name", "name", Sort.Direction.Ascending),
    NAME_DESC("-name", "name", Sort.Direction.Descending),
    CREATED("createdAt", "createdAt", Sort.Direction.Ascending),
    CREATED_DESC("-createdAt", "createdAt", Sort.Direction.Descending);

    public static final AccountSort DEFAULT = CREATED_DESC;

    private final String parameter;
    private final String column;
    private final Sort.Direction direction;

    AccountSort(String parameter, String column, Sort.Direction direction) {
        this.parameter = parameter;
        this.column = column;
        this.direction = direction;
    }

    /** The order, with the id last so that equal names or times still page without gaps or repeats. */
    public Sort sort() {
        return Sort.by(column, direction).and("id", direction);
    }

    public static AccountSort parse(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return DEFAULT;
        }
        return Arrays.stream(values()).filter(s -> s.parameter.equals(parameter.strip())).findFirst()
                .orElseThrow(() -> ProblemException.invalidField("sort", "must be one of "
                        + Arrays.stream(values()).map(s -> s.parameter).collect(Collectors.joining(", "))));
    }
}
