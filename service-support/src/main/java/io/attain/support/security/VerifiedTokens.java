package io.attain.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;

/**
 * Bearer tokens whose signature, issuer and expiry were verified recently, by their exact text, with what the
 * verification produced. The same bytes were already checked, so checking them again cannot give another answer
 * until the token expires; an entry is therefore never returned at or after the token's {@code exp} (the moment the
 * verifier starts refusing it), nor later than {@code ttl} after it was verified (a key that stops being trusted is
 * noticed that much later at most).
 *
 * @param <T> what a verification produced
 */
public final class VerifiedTokens<T> {

    private record Verified<T>(T result, long expiresAtEpochSecond) {
    }

    private final Cache<String, Verified<T>> verified;
    private final Clock clock;

    public VerifiedTokens(int maximumSize, Duration ttl, Clock clock) {
        if (maximumSize <= 0 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a memory of verified tokens needs a positive size and time to live");
        }
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(ttl)
                // Upkeep on the calling thread (an event loop): a few list operations, cheaper than waking a pool
                // thread as often as every request.
                .executor(Runnable::run)
                .build();
    }

    /** What the verification of exactly this token produced, or {@code null} if it is unknown or has expired. */
    public T get(String token) {
        Verified<T> entry = verified.getIfPresent(token);
        if (entry == null) {
            return null;
        }
        if (clock.millis() / 1000 < entry.expiresAtEpochSecond()) {
            return entry.result();
        }
        verified.invalidate(token);
        return null;
    }

    /**
     * Remembers a token that was just verified, until its expiry ({@code exp}, epoch seconds). A token without an
     * expiry, or one already expired, is not remembered.
     */
    public void remember(String token, T result, long expiresAtEpochSecond) {
        if (expiresAtEpochSecond > clock.millis() / 1000) {
            verified.put(token, new Verified<>(result, expiresAtEpochSecond));
        }
    }
}
