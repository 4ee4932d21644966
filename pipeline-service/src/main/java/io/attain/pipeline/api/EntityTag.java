package io.attain.pipeline.api;

import io.attain.support.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Versions as HTTP entity tags: a representation carries {@code ETag: "<version>"}, and an update must
 * send it back in {@code If-Match} so that it cannot overwrite a change its client has not seen.
 */
public final class EntityTag {

    public static final String IF_MATCH = "If-Match";

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an update expects, from its {@code If-Match} header; empty for {@code *} (any version).
     * A missing header answers 428, a header naming no version we could have issued 412.
     */
    public static OptionalLong expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "send the ETag of the version you changed in If-Match");
        }
        List<String> tags = new ArrayList<>();
        for (String tag : ifMatch.split(",")) {
            tags.add(tag.strip());
        }
        if (tags.contains("*")) {
            return OptionalLong.empty();
        }
        // Several tags cannot all match one version; the first strong numeric tag decides.
        for (String tag : tags) {
            if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                String value = tag.substring(1, tag.length() - 1);
                if (value.matches("[0-9]{1,18}")) {
                    return OptionalLong.of(Long.parseLong(value));
                }
            }
        }
        throw new ProblemException(412, "precondition-failed", "Precondition failed",
                "If-Match " + ifMatch + " names no current version; expected a tag like \"3\" from the ETag header");
    }

    /** As {@link #expectedVersion}, but without the header any version will do (deletes honour If-Match when sent). */
    public static OptionalLong expectedVersionIfSent(String ifMatch) {
        return ifMatch == null ? OptionalLong.empty() : expectedVersion(ifMatch);
    }

    private EntityTag() {
    }
}
