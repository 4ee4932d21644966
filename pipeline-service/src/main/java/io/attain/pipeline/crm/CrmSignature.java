package io.attain.pipeline.crm;

import io.attain.support.problem.ProblemException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The signature of a CRM delivery: {@code HMAC-SHA256(secret, timestamp + "." + body)} in lower-case hex, where
 * {@code timestamp} is the {@code X-Attain-Timestamp} header exactly as sent (Unix epoch seconds) and {@code body}
 * the request body's bytes exactly as sent. {@code X-Attain-Signature} carries it bare or as {@code sha256=<hex>}.
 * Signing the timestamp with the body lets a stale timestamp mark a replayed delivery: it cannot be refreshed
 * without the secret.
 */
public final class CrmSignature {

    public static final String TIMESTAMP_HEADER = "X-Attain-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Attain-Signature";
    static final String PREFIX = "sha256=";
    /** Longest timestamp header read: epoch seconds have 10 digits until the year 2286. */
    private static final int MAX_TIMESTAMP_LENGTH = 12;

    private CrmSignature() {
    }

    /** The hex signature of {@code body} sent with {@code timestamp}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        return HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /**
     * Checks a delivery's timestamp and signature; any failure is a 401 whose detail says which check failed
     * (never what the expected signature was).
     */
    public static void verify(String secret, String timestamp, String signature, byte[] body, Instant now,
                              Duration tolerance) {
        if (timestamp == null || timestamp.isBlank()) {
            throw unauthorized("missing-signature", "the " + TIMESTAMP_HEADER + " header is required (Unix epoch seconds)");
        }
        if (signature == null || signature.isBlank()) {
            throw unauthorized("missing-signature", "the " + SIGNATURE_HEADER
                    + " header is required: hex HMAC-SHA256 of timestamp + \".\" + body");
        }
        Instant sentAt = parseTimestamp(timestamp);
        Duration skew = Duration.between(sentAt, now).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw unauthorized("stale-signature", "the delivery's timestamp " + timestamp + " is " + skew.toSeconds()
                    + " s away from the server's clock; at most " + tolerance.toSeconds()
                    + " s are accepted: sign the delivery again with the current time");
        }
        byte[] given = parseSignature(signature);
        // Compared in constant time, so the time taken reveals nothing about how much of a guess was right.
        if (given == null || !MessageDigest.isEqual(given, mac(secret, timestamp, body))) {
            throw unauthorized("invalid-signature", "the " + SIGNATURE_HEADER
                    + " does not match the body: sign timestamp + \".\" + the exact body bytes with the client's secret");
        }
    }

    private static Instant parseTimestamp(String timestamp) {
        if (timestamp.length() > MAX_TIMESTAMP_LENGTH || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw unauthorized("invalid-signature", TIMESTAMP_HEADER + " must be Unix epoch seconds, e.g. "
                    + Instant.now().getEpochSecond());
        }
        return Instant.ofEpochSecond(Long.parseLong(timestamp));
    }

    /** The signature's bytes, or {@code null} when it is not 64 hex digits. */
    private static byte[] parseSignature(String signature) {
        String hex = signature.strip();
        if (hex.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            hex = hex.substring(PREFIX.length());
        }
        if (hex.length() != 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] mac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static ProblemException unauthorized(String slug, String detail) {
        return new ProblemException(401, slug, "Unauthorized", detail);
    }
}
