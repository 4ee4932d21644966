package io.attain.targets.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Target plans ({@code attain.targets.plans.*}). */
@ConfigMapping(prefix = "attain.targets.plans")
public interface PlansConfig {

    /** Most targets (nodes, root included) one plan's decomposition may store. */
    @WithName("max-targets")
    @WithDefault("5000")
    int maxTargets();
}
