package org.civitas;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** A module may use another only through its root package (its API): this fails the build otherwise. */
class ModuleStructureTest {

    private final ApplicationModules modules = ApplicationModules.of(CivitasApplication.class);

    @Test
    void modulesOnlyUseEachOthersApi() {
        modules.verify();
    }

    @Test
    void theModulesOfTheDesignExist() {
        assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
                .contains("platform", "identity", "catalogue", "requests", "trust");
    }
}
