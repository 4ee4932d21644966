package io.attain.pipeline.crm;

import io.attain.pipeline.crm.CrmDtos.SaveUserMapping;
import io.attain.support.api.Page;
import io.attain.support.api.PageParams;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Caller;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which Attain user each CRM user is; CRM events name owners and split members by CRM user. */
@ApplicationScoped
@Transactional
public class CrmUserMappingService {

    static final Pattern CRM_SYSTEM = Pattern.compile("[A-Za-z0-9._-]{1,50}");
    static final int MAX_CRM_USER_LENGTH = 254;

    @Inject
    Caller caller;

    /**
     * Maps a CRM user to an Attain user, replacing an earlier mapping. Takes effect for the next events; deals
     * already applied keep their owner until the CRM sends them again.
     *
     * @return whether the mapping is new
     */
    public boolean put(String crmSystem, String crmUser, SaveUserMapping request) {
        String user = checkedUser(crmSystem, crmUser);
        CrmUserMapping mapping = CrmUserMapping.findById(new CrmUserMapping.Key(crmSystem, user));
        boolean created = mapping == null;
        if (created) {
            mapping = new CrmUserMapping();
            mapping.crmSystem = crmSystem;
            mapping.crmUser = user;
        }
        mapping.userId = request.userId().strip();
        mapping.updatedAt = Instant.now();
        mapping.updatedBy = caller.id();
        mapping.persist();
        return created;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CrmUserMapping> find(String crmSystem, String crmUser) {
        return CrmUserMapping.findByIdOptional(new CrmUserMapping.Key(crmSystem, checkedUser(crmSystem, crmUser)));
    }

    public void delete(String crmSystem, String crmUser) {
        CrmUserMapping mapping = find(crmSystem, crmUser)
                .orElseThrow(() -> ProblemException.notFound("CRM user mapping", crmSystem + "/" + crmUser));
        mapping.delete();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<CrmUserMapping> list(String crmSystem, String userId, PageParams page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (crmSystem != null) {
            where.append(" and crmSystem = :system");
            params.and("system", crmSystem);
        }
        if (userId != null) {
            where.append(" and userId = :user");
            params.and("user", userId);
        }
        var query = CrmUserMapping.<CrmUserMapping>find(where.toString(), Sort.by("crmSystem").and("crmUser"), params);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    private static String checkedUser(String crmSystem, String crmUser) {
        if (!CRM_SYSTEM.matcher(crmSystem).matches()) {
            throw ProblemException.invalidField("crmSystem", "must be 1-50 letters, digits, '.', '_' or '-'");
        }
        if (crmUser.isBlank() || crmUser.length() > MAX_CRM_USER_LENGTH) {
            throw ProblemException.invalidField("crmUser", "must be 1-" + MAX_CRM_USER_LENGTH + " characters");
        }
        return CrmUserMapping.normalise(crmUser);
    }
}
