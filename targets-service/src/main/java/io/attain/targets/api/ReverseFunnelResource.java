package io.attain.targets.api;

import io.attain.support.security.Roles;
import io.attain.targets.api.FunnelDtos.ReverseFunnelRequest;
import io.attain.targets.api.FunnelDtos.ReverseFunnelView;
import io.attain.targets.service.DecompositionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** 按销售阶段分解: the deals each funnel stage needs to reach a revenue target. Stateless. */
@Path("/api/targets/reverse-funnel")
public class ReverseFunnelResource {

    @Inject
    DecompositionService decompositionService;

    @POST
    @RolesAllowed({Roles.REP, Roles.MANAGER, Roles.ADMIN})
    public ReverseFunnelView compute(@Valid @NotNull ReverseFunnelRequest request) {
        return DecompositionViews.funnel(decompositionService.reverseFunnel(request));
    }
}
