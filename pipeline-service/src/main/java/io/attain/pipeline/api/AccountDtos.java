package io.attain.pipeline.api;

import io.attain.pipeline.domain.Account;
import io.attain.pipeline.domain.Contact;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * Request and response bodies of {@link AccountResource} and {@link ContactResource}. Server-owned fields
 * (id, account of a contact, version, times) are never read; a PUT replaces every other field.
 */
public final class AccountDtos {

    /**
     * @param ownerId the owning rep; only managers and admins may name someone other than themselves.
     *                Absent on create: the caller; absent on update: unchanged.
     * @param externalSystem the CRM an external id belongs to; given together with {@code externalId}
     */
    public record SaveAccount(
            @NotBlank @Size(max = 300) String name,
            @Size(max = 100) String industry,
            Account.SizeBand size,
            @Size(max = 100) String region,
            Account.Tier tier,
            Account.Segment segment,
            @Size(max = 100) String ownerId,
            @Size(max = 50) String sourceChannel,
            @Size(max = 50) String externalSystem,
            @Size(max = 200) String externalId) {
    }

    public record AccountView(UUID id, String name, String industry, Account.SizeBand size, String region,
                              Account.Tier tier, Account.Segment segment, String ownerId, String sourceChannel,
                              String externalSystem, String externalId, long version, Instant createdAt,
                              Instant updatedAt, Instant lastContactedAt, Instant lastActivityAt) {
        public static AccountView of(Account account) {
            return new AccountView(account.id, account.name, account.industry, account.size, account.region,
                    account.tier, account.segment, account.ownerId, account.sourceChannel, account.externalSystem,
                    account.externalId, account.version, account.createdAt, account.updatedAt,
                    account.lastContactedAt, account.lastActivityAt);
        }
    }

    /** @param buyingRole and {@code stance} may stay empty until the rep knows them */
    public record SaveContact(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 100) String title,
            @Size(max = 254) @Email(regexp = ".+@[^@]+\\.[^@]+", message = "must be an email address") String email,
            @Pattern(regexp = "\\+?[0-9][0-9 ()-]{2,28}", message = "must be a phone number: digits, spaces, ( ) - and a leading +")
            String phone,
            Contact.BuyingRole buyingRole,
            Contact.Stance stance) {
    }

    public record ContactView(UUID id, UUID accountId, String name, String title, String email, String phone,
                              Contact.BuyingRole buyingRole, Contact.Stance stance, long version, Instant createdAt,
                              Instant updatedAt) {
        public static ContactView of(Contact contact) {
            return new ContactView(contact.id, contact.accountId, contact.name, contact.title, contact.email,
                    contact.phone, contact.buyingRole, contact.stance, contact.version, contact.createdAt,
                    contact.updatedAt);
        }
    }

    private AccountDtos() {
    }
}
