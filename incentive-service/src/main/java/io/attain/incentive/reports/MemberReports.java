package io.attain.incentive.reports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Turns a stream of report lines ordered by member into one {@link MemberReport} per member, holding only the
 * current member's lines in memory, so a report of any size is written while it is read.
 */
public final class MemberReports implements Iterator<MemberReport> {

    private final Iterator<ReportLine> lines;
    private final Set<String> finished = new HashSet<>();
    private ReportLine pending;

    public MemberReports(Iterator<ReportLine> lines) {
        this.lines = lines;
        this.pending = lines.hasNext() ? lines.next() : null;
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    /**
     * @throws IllegalStateException when a member's lines are not consecutive: the source must group them by
     *                               member (any order of members; the database's collation decides it)
     */
    @Override
    public MemberReport next() {
        if (pending == null) {
            throw new NoSuchElementException();
        }
        String memberId = pending.memberId();
        if (!finished.add(memberId)) {
            throw new IllegalStateException("report lines are not grouped by member: " + memberId + " appears twice");
        }
        List<ReportLine> memberLines = new ArrayList<>();
        memberLines.add(pending);
        pending = null;
        while (lines.hasNext()) {
            ReportLine line = lines.next();
            if (!line.memberId().equals(memberId)) {
                pending = line;
                break;
            }
            memberLines.add(line);
        }
        return MemberReport.of(memberId, memberLines);
    }
}
