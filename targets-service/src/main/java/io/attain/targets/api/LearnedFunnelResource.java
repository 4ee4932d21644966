package io.attain.targets.api;

import io.attain.support.security.Roles;
import io.attain.targets.api.AttainmentDtos.LearnedFunnelRequest;
import io.attain.targets.api.AttainmentDtos.LearnedFunnelView;
import io.attain.targets.domain.decomposition.FunnelStage;
import io.attain.targets.service.AttainmentService;
import io.attain.targets.service.DecompositionService;
import io.attain.targets.service.DecompositionService.FunnelResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import java.util.EnumMap;
import java.util.Map;

/**
 * The reverse funnel (按销售阶段分解) with its average deal size and stage conversion rates learned from
 * the deal history held by targets-service, instead of given.
 */
@Path("/api/targets/reverse-funnel/learned")
public class LearnedFunnelResource {

    @Inject
    AttainmentService attainmentService;

    @Inject
    DecompositionService decompositionService;

    @POST
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.FINANCE, Roles.ADMIN})
    public LearnedFunnelView compute(@Valid @NotNull LearnedFunnelRequest request) {
        AttainmentService.Learned learned = attainmentService.learnFunnel(request);
        FunnelResult result = decompositionService.reverseFunnel(new FunnelDtos.ReverseFunnelRequest(request.target(),
                learned.assumptions().averageDealSize(), learned.assumptions().rates().asMap()));
        Map<FunnelStage, Long> reached = new EnumMap<>(FunnelStage.class);
        for (FunnelStage stage : FunnelStage.values()) {
            reached.put(stage, learned.history().reached().get(stage.ordinal()));
        }
        var funnel = DecompositionViews.funnel(result);
        return new LearnedFunnelView(funnel.target(), funnel.averageDealSize(), funnel.stages(), request.historyFrom(),
                request.historyTo(), reached, learned.history().wonCount());
    }
}
