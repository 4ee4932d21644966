package io.attain.incentive.reports;

import io.attain.incentive.reports.PeriodReportService.ReportRequest;
import io.attain.support.problem.ProblemException;
import io.attain.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/incentives/periods/{periodId}/report}: a period's finance report as JSON, CSV or XLSX, for
 * finance and admins. The format comes from {@code ?format=} or, without it, from {@code Accept}
 * (JSON when anything goes). The body is streamed as it is read from the ledger.
 */
@Path("/api/incentives/periods/{periodId}/report")
public class PeriodReportResource {

    private static final Map<ReportFormat, PeriodReportWriter> WRITERS = Map.of(
            ReportFormat.JSON, new JsonReportWriter(),
            ReportFormat.CSV, new CsvReportWriter(),
            ReportFormat.XLSX, new XlsxReportWriter());

    @Inject
    PeriodReportService reports;

    @GET
    @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
    @Operation(summary = "A period's commission report: per member totals by component and every line",
            description = "Closed periods always give the same bytes. Amounts are exact decimals with their currency.")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = "application/json"), @Content(mediaType = "text/csv"),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
    @APIResponse(responseCode = "400", description = "Unknown ?format=")
    @APIResponse(responseCode = "404", description = "No such period")
    @APIResponse(responseCode = "406", description = "Accept names none of the report formats")
    public Response report(@PathParam("periodId") UUID periodId, @QueryParam("format") String format,
                           @Context HttpHeaders headers) {
        ReportFormat chosen = format != null ? named(format) : negotiated(headers.getAcceptableMediaTypes());
        ReportRequest request = reports.prepare(periodId);
        PeriodReportWriter writer = WRITERS.get(chosen);
        StreamingOutput body = out -> reports.write(request, writer, out);
        String type = chosen == ReportFormat.JSON || chosen == ReportFormat.CSV
                ? chosen.mediaType() + ";charset=UTF-8" : chosen.mediaType();
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(request, chosen) + "\"")
                .header("Vary", "Accept")
                .build();
    }

    private static ReportFormat named(String format) {
        return ReportFormat.named(format).orElseThrow(() ->
                ProblemException.invalidField("format", "must be json, csv or xlsx"));
    }

    /** The first format the client accepts, in its order of preference; JSON for a wildcard. */
    private static ReportFormat negotiated(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isWildcardType() || (type.getType().equals("application") && type.isWildcardSubtype())) {
                return ReportFormat.JSON;
            }
            var format = type.isWildcardSubtype() && type.getType().equals("text")
                    ? Optional.of(ReportFormat.CSV)
                    : ReportFormat.ofMediaType(type.getType(), type.getSubtype());
            if (format.isPresent()) {
                return format.get();
            }
        }
        throw new ProblemException(406, "not-acceptable", "Not Acceptable",
                "the report is available as " + ReportFormat.JSON.mediaType() + ", " + ReportFormat.CSV.mediaType()
                        + " or " + ReportFormat.XLSX.mediaType() + " (or ?format=json|csv|xlsx)");
    }

    /** {@code commission-report-2025-Q2.csv}: the period's name reduced to characters safe in any file name. */
    static String fileName(ReportRequest request, ReportFormat format) {
        String name = request.period().label().replaceAll("[^A-Za-z0-9._-]+", "_");
        if (name.replace("_", "").isEmpty()) {
            name = request.period().id().toString();
        }
        return "commission-report-" + name + "." + format.extension();
    }
}
