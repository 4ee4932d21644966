package io.attain.incentive.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * Writes one period's finance report while its lines are read: per member, totals by component and every
 * line, then the period's totals per currency. Nothing in the output depends on when it is written (no
 * "generated at"), so the same lines always give the same bytes.
 */
public interface PeriodReportWriter {

    ReportFormat format();

    /**
     * @param lines the period's lines, each member's together and in statement order
     * @param out   left open; the caller owns it
     */
    void write(ReportPeriod period, Iterator<ReportLine> lines, OutputStream out) throws IOException;
}
