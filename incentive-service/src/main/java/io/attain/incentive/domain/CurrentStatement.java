package io.attain.incentive.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.util.UUID;

/**
 * The statement a period shows for a member: the one of the newest run that calculated the member. Written by
 * {@code service/PeriodService} only (a pointer, replaced as runs are written); read here.
 */
@Entity
@Table(name = "current_statement")
@Immutable
public class CurrentStatement extends PanacheEntityBase {

    @Id
    @Column(name = "statement_id")
    public UUID statementId;

    @Column(name = "period_id", nullable = false)
    public UUID periodId;

    @Column(name = "member_id", nullable = false)
    public String memberId;
}
