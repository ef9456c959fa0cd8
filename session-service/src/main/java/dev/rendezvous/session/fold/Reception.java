package dev.rendezvous.session.fold;

import java.time.Instant;
import java.util.Objects;

/**
 * What a role's page last reported it plays of the other role.
 *
 * @param problem why not, as the page said; null when it plays both or did not say
 * @param reportedAt when the page reported it; null: not reported since both were last present
 */
public record Reception(boolean video, boolean audio, ReceptionProblem problem, Instant reportedAt) {

    /** Nothing reported. */
    public static final Reception NONE = new Reception(false, false, null, null);

    public boolean reported() {
        return reportedAt != null;
    }

    /** The same report, whenever it was made. */
    public boolean says(boolean video, boolean audio, ReceptionProblem problem) {
        return reported() && this.video == video && this.audio == audio && Objects.equals(this.problem, problem);
    }
}
