package dev.rendezvous.session.diagnosis;

import dev.rendezvous.kernel.Role;
import dev.rendezvous.kernel.wire.SessionSnapshot;
import dev.rendezvous.session.fold.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Each role's way through the session on one time axis, for the support view's lanes: tokens, joins,
 * tracks, the page's reports and leaves, plus what happened to the session as a whole.
 */
public final class Moments {

    private Moments() {
    }

    /**
     * One thing that happened, on a role's lane (or the session's, when {@code role} is null).
     *
     * @param what token, joined, left, track, reception, room, end or deadline
     * @param counted whether the fold counted it (a token, or a moment kept only as evidence, is not)
     */
    public record Moment(Instant at, Role role, String what, String detail, boolean counted) {
    }

    static List<Moment> of(Facts f) {
        List<Moment> moments = new ArrayList<>();
        for (Role role : Role.values()) {
            f.token(role).ifPresent(t -> {
                moments.add(new Moment(t.firstIssuedAt(), role, "token", "token for " + t.identity()
                        + (t.minted() > 1 ? " (the first of " + t.minted() + ")" : ""), false));
                if (t.minted() > 1) {
                    moments.add(new Moment(t.issuedAt(), role, "token", "latest token, valid until " + Facts.clock(t.expiresAt()),
                            false));
                }
            });
        }
        for (Observed e : f.timeline()) {
            if (e.occurredAt() != null) {
                moments.add(new Moment(e.occurredAt(), lane(f, e), what(e), detail(e), e.counted()));
            }
        }
        moments.sort(Comparator.comparing(Moment::at));
        return moments;
    }

    private static Role lane(Facts f, Observed e) {
        if (e.role() != null) {
            return e.role();
        }
        return Stream.of(Role.values()).filter(role -> f.mayBe(e, role)).findFirst().orElse(null);
    }

    private static String what(Observed e) {
        return switch (e.kind()) {
            case JOINED -> "joined";
            case LEFT, CONNECTION_ABORTED -> "left";
            case TRACK_PUBLISHED, TRACK_UNPUBLISHED -> "track";
            case RECEPTION_REPORTED -> "reception";
            case ROOM_STARTED, ROOM_FINISHED -> "room";
            case END_REQUESTED -> "end";
            case DEADLINE_REACHED -> "deadline";
        };
    }

    private static String detail(Observed e) {
        String who = e.identity() != null ? e.identity() : e.userId() != null ? e.userId() : "";
        String text = switch (e.kind()) {
            case JOINED -> who + " joined " + e.room();
            case LEFT -> who + " left" + (e.reason() == null ? "" : " (" + e.reason() + ")");
            case CONNECTION_ABORTED -> who + "'s connection aborted";
            case TRACK_PUBLISHED -> who + " published " + (e.reason() == null ? "a track" : e.reason());
            case TRACK_UNPUBLISHED -> who + " unpublished " + (e.reason() == null ? "a track" : e.reason());
            case RECEPTION_REPORTED -> reception(e);
            case ROOM_STARTED -> "LiveKit opened " + e.room();
            case ROOM_FINISHED -> "LiveKit closed " + e.room();
            case END_REQUESTED -> "ended (" + e.reason() + ")" + (e.userId() == null ? "" : " by " + e.userId());
            case DEADLINE_REACHED -> "deadline checked (" + e.reason() + ")";
        };
        if (e.verdict() != null && !e.verdict().counted() && e.verdict() != Verdict.RECORDED) {
            text += " — not counted: " + e.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return text.trim();
    }

    private static String reception(Observed e) {
        SessionSnapshot.Receives r = e.receives();
        if (r == null) {
            return "page reported";
        }
        String plays = r.video() && r.audio() ? "plays video and sound" : r.video() ? "plays video, no sound"
                : r.audio() ? "plays sound, no video" : "plays nothing";
        return "page " + plays + (e.problems().isEmpty() ? "" : " (" + String.join(", ", e.problems()) + ")");
    }
}
