package io.attain.targets.domain.adjustment;

import io.attain.targets.domain.adjustment.AdjustmentPolicy.Actor;
import io.attain.targets.domain.adjustment.AdjustmentPolicy.Authority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdjustmentPolicyTest {

    private static final AdjustmentPolicy POLICY = new AdjustmentPolicy(new BigDecimal("0.10"));
    /** company → department → team A / team B; a target of team A. */
    private static final List<String> COMPANY = List.of("co");
    private static final List<String> DEPARTMENT = List.of("co", "dept");
    private static final List<String> TEAM_A = List.of("co", "dept", "a");
    private static final List<String> TEAM_B = List.of("co", "dept", "b");

    private static final Actor TEAM_A_MANAGER = new Actor("mgr-a", false, List.of(TEAM_A));
    private static final Actor TEAM_B_MANAGER = new Actor("mgr-b", false, List.of(TEAM_B));
    private static final Actor DEPT_MANAGER = new Actor("mgr-dept", false, List.of(DEPARTMENT));
    private static final Actor CEO = new Actor("ceo", false, List.of(COMPANY));
    private static final Actor ADMIN = new Actor("admin", true, List.of());
    private static final Actor OTHER_ADMIN = new Actor("admin-2", true, List.of());

    @ParameterizedTest(name = "{0} → {1}: ratio {2}, approval {3}")
    @CsvSource({
            "1000000, 1050000, 0.050000, false",
            "1000000, 1100000, 0.100000, false",
            "1000000, 1100001, 0.100001, true",
            "1000000, 900000, -0.100000, false",
            "1000000, 899999, -0.100001, true",
            "3, 4, 0.333333, true",
            "3, 2, -0.333333, true",
    })
    void shouldNeedApprovalOnlyBeyondTheThresholdEitherWay(String oldValue, String newValue, String ratio, boolean approval) {
        BigDecimal change = AdjustmentPolicy.changeRatio(new BigDecimal(oldValue), new BigDecimal(newValue));
        assertThat(change).isEqualByComparingTo(ratio);
        assertThat(POLICY.needsApproval(change)).isEqualTo(approval);
    }

    @Test
    void shouldLetOnlyHigherManagersAndAdminsApprove() {
        assertThat(POLICY.authority(DEPT_MANAGER, TEAM_A_MANAGER, TEAM_A)).isEqualTo(Authority.ALLOWED);
        assertThat(POLICY.authority(CEO, TEAM_A_MANAGER, TEAM_A)).isEqualTo(Authority.ALLOWED);
        assertThat(POLICY.authority(ADMIN, TEAM_A_MANAGER, TEAM_A)).isEqualTo(Authority.ALLOWED);
        assertThat(POLICY.authority(CEO, DEPT_MANAGER, TEAM_A)).isEqualTo(Authority.ALLOWED);

        assertThat(POLICY.authority(TEAM_A_MANAGER, TEAM_A_MANAGER, TEAM_A)).isEqualTo(Authority.OWN_REQUEST);
        assertThat(POLICY.authority(ADMIN, ADMIN, TEAM_A)).isEqualTo(Authority.OWN_REQUEST);
        assertThat(POLICY.authority(TEAM_B_MANAGER, TEAM_A_MANAGER, TEAM_A)).isEqualTo(Authority.NOT_HIGHER);
        // a lower manager cannot approve what a higher one asked for
        assertThat(POLICY.authority(TEAM_A_MANAGER, DEPT_MANAGER, TEAM_A)).isEqualTo(Authority.NOT_HIGHER);
        // a manager of the same level (a second manager of the department) is not higher
        Actor coManager = new Actor("co-mgr", false, List.of(DEPARTMENT));
        assertThat(POLICY.authority(coManager, DEPT_MANAGER, TEAM_A)).isEqualTo(Authority.NOT_HIGHER);
        // an admin's request is decided by another admin only
        assertThat(POLICY.authority(CEO, ADMIN, TEAM_A)).isEqualTo(Authority.NOT_HIGHER);
        assertThat(POLICY.authority(OTHER_ADMIN, ADMIN, TEAM_A)).isEqualTo(Authority.ALLOWED);
    }

    @Test
    void shouldRankAManagerOfSeveralUnitsByTheHighestOne() {
        Actor teamAndCompany = new Actor("both", false, List.of(TEAM_A, COMPANY));
        assertThat(POLICY.authority(DEPT_MANAGER, teamAndCompany, TEAM_A)).isEqualTo(Authority.NOT_HIGHER);
        assertThat(POLICY.authority(teamAndCompany, DEPT_MANAGER, TEAM_A)).isEqualTo(Authority.ALLOWED);
    }

    @Test
    void shouldRefuseANegativeThresholdAndANonPositiveOldValue() {
        assertThatThrownBy(() -> new AdjustmentPolicy(new BigDecimal("-0.1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdjustmentPolicy.changeRatio(BigDecimal.ZERO, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
