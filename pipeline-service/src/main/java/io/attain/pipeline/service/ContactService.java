package io.attain.pipeline.service;

import io.attain.pipeline.api.AccountDtos.SaveContact;
import io.attain.pipeline.domain.Account;
import io.attain.pipeline.domain.Contact;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Contacts of accounts. Whoever may see or change an account may see or change its contacts. */
@ApplicationScoped
@Transactional
public class ContactService {

    @Inject
    AccountService accountService;

    public Contact create(UUID accountId, SaveContact request) {
        Account account = accountService.findInScope(accountId)
                .orElseThrow(() -> ProblemException.notFound("account", accountId));
        Instant now = Instant.now();
        Contact contact = new Contact();
        contact.id = UUID.randomUUID();
        contact.accountId = account.id;
        contact.createdAt = now;
        apply(contact, request, now);
        contact.persistAndFlush();
        return contact;
    }

    /** @param expectedVersion the version the client changed (from If-Match); empty for any version */
    public Contact update(UUID id, OptionalLong expectedVersion, SaveContact request) {
        Contact contact = Contact.<Contact>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(this::mayAccess).orElseThrow(() -> ProblemException.notFound("contact", id));
        AccountService.checkVersion("contact", contact.version, expectedVersion);
        apply(contact, request, Instant.now());
        Contact.flush();
        return contact;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Contact> findInScope(UUID id) {
        return Contact.<Contact>findByIdOptional(id).filter(this::mayAccess);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Contact> listOf(UUID accountId, PageParams page) {
        accountService.findInScope(accountId).orElseThrow(() -> ProblemException.notFound("account", accountId));
        var query = Contact.<Contact>find("accountId", Sort.ascending("name").and("id"), accountId);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    private boolean mayAccess(Contact contact) {
        return accountService.findInScope(contact.accountId).isPresent();
    }

    private static void apply(Contact contact, SaveContact request, Instant now) {
        contact.name = request.name().strip();
        contact.title = request.title();
        contact.email = request.email();
        contact.phone = request.phone();
        contact.buyingRole = request.buyingRole();
        contact.stance = request.stance();
        contact.updatedAt = now;
    }
}
