package io.attain.targets.api;

import io.attain.support.security.Roles;
import io.attain.targets.api.DecompositionDtos.PreviewRequest;
import io.attain.targets.api.DecompositionDtos.PreviewView;
import io.attain.targets.service.DecompositionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Decomposes a target without storing anything: what a plan would look like, and how far commitments fall short. */
@Path("/api/targets/decompositions")
public class DecompositionResource {

    @Inject
    DecompositionService decompositionService;

    @POST
    @Path("/preview")
    @RolesAllowed({Roles.MANAGER, Roles.ADMIN})
    public PreviewView preview(@Valid @NotNull PreviewRequest request) {
        return DecompositionViews.preview(decompositionService.preview(request));
    }
}
