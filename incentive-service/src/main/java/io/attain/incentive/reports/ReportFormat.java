package io.attain.incentive.reports;

import java.util.Locale;
import java.util.Optional;

/** The formats a finance report is exported in, with their media types and file name extensions. */
public enum ReportFormat {
    JSON("application/json", "json"),
    CSV("text/csv", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String mediaType;
    private final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The format named by {@code ?format=}, case-insensitively: {@code json}, {@code csv} or {@code xlsx}. */
    public static Optional<ReportFormat> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (ReportFormat format : values()) {
            if (format.extension.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format of a media type (parameters such as {@code charset} ignored). */
    public static Optional<ReportFormat> ofMediaType(String type, String subtype) {
        for (ReportFormat format : values()) {
            if (format.mediaType.equalsIgnoreCase(type + "/" + subtype)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
