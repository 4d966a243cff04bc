package io.guidelinekb.cdshooks;

import io.guidelinekb.model.Case;
import java.nio.file.Path;

/** The lifecycle tests' fixture, for tests in other packages. */
public final class LifecycleTestRules {

    private LifecycleTestRules() {
    }

    public static Path rules(Path temp, String status01, String status02) throws Exception {
        return LifecycleTest.rules(temp, status01, status02);
    }

    public static Case mriFor(String patientId) {
        return LifecycleTest.mriFor(patientId);
    }
}
