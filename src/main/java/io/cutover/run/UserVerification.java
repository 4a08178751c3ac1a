package io.cutover.run;

import io.cutover.check.CheckResult;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.UserState;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.UserStates;
import io.cutover.plan.Move;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Users verified before and after: each user's verifiable state ({@link UserState}) is read from
 * the deployment and recorded in the journal before the run first moves the user; the validation
 * gate after the move and the rollback compare the deployment with it, naming each user and
 * attribute that differs. A move can lose what a policy comparison never sees: contacts and
 * meetings ({@code Move-CsUser -Force}), a site's dial plan on the wrong pool.
 */
final class UserVerification {
    /** Users read per call: one script against a real deployment, bounded for thousand-user waves. */
    private static final int CHUNK = 100;

    private final Deployment deployment;
    private final UserStates recorded;
    private final String runId;
    private final Clock clock;

    UserVerification(Deployment deployment, UserStates recorded, String runId, Clock clock) {
        this.deployment = deployment;
        this.recorded = recorded;
        this.runId = runId;
        this.clock = clock;
    }

    /** The users among these moves. */
    static List<SipAddress> users(List<Move> moves) {
        return moves.stream()
                .filter(m -> m.subject().kind() == HomedKind.User)
                .map(m -> m.subject().sipAddress())
                .toList();
    }

    /**
     * Reads and records the state of each of these users the run has none recorded for yet.
     *
     * @return the users whose state could not be read, each with the reason: they must not move
     */
    Map<SipAddress, String> recordBefore(List<SipAddress> users) {
        Set<SipAddress> known = recorded.of(runId, users).keySet();
        List<SipAddress> todo = users.stream().filter(u -> !known.contains(u)).toList();
        Map<SipAddress, String> unread = new java.util.HashMap<>();
        for (int i = 0; i < todo.size(); i += CHUNK) {
            List<SipAddress> part = todo.subList(i, Math.min(i + CHUNK, todo.size()));
            try {
                recorded.recordFirst(runId, deployment.userStates(part), clock.instant());
            } catch (DeploymentFailure f) {
                part.forEach(u -> unread.put(u, "its state could not be read before the move: " + f.getMessage()));
            }
        }
        return unread;
    }

    /** Compares each user with the state recorded before its move: a failed result names each user and attribute. */
    CheckResult compare(List<SipAddress> users) {
        Map<SipAddress, UserState> before = recorded.of(runId, users);
        List<String> failures = new ArrayList<>();
        Set<String> subjects = new LinkedHashSet<>();
        Map<SipAddress, UserState> now;
        try {
            now = now(List.copyOf(before.keySet()));
        } catch (DeploymentFailure f) {
            String why = "the users' state could not be read: " + f.getMessage();
            return new CheckResult(name(before.size()), false, List.of(why), List.of(), before.size(), List.of(why));
        }
        for (SipAddress u : users) {
            UserState was = before.get(u);
            if (was == null) {
                continue;
            }
            UserState is = now.get(u);
            List<String> lines = is == null ? List.of(u + ": not found in the deployment") : was.differences(is);
            failures.addAll(lines);
            if (!lines.isEmpty()) {
                subjects.add(u.text());
            }
        }
        return new CheckResult(
                name(before.size()),
                failures.isEmpty(),
                failures,
                List.copyOf(subjects),
                before.size(),
                List.of(before.size() + " users compared, " + subjects.size() + " changed"));
    }

    private static String name(int users) {
        return "users verified before and after the move (" + users + " users)";
    }

    /**
     * After a rollback: puts back what each user had where it differs from the state recorded
     * before its move, then compares again.
     *
     * @return the differences left, one line per user and attribute; empty when clean
     */
    List<String> restoreAndCompare(List<SipAddress> users) {
        Map<SipAddress, UserState> before = recorded.of(runId, users);
        Map<SipAddress, UserState> now;
        try {
            now = now(List.copyOf(before.keySet()));
        } catch (DeploymentFailure f) {
            return List.of("the users' state could not be read after the rollback: " + f.getMessage());
        }
        List<String> left = new ArrayList<>();
        for (UserState was : before.values()) {
            UserState is = now.get(was.sipAddress());
            if (is != null && !was.differences(is).isEmpty()) {
                try {
                    deployment.restore(was);
                } catch (DeploymentFailure f) {
                    left.add(was.sipAddress() + ": restoring its data failed: " + f.getMessage());
                }
            }
        }
        left.addAll(compare(users).failures());
        return left;
    }

    private Map<SipAddress, UserState> now(List<SipAddress> users) {
        Map<SipAddress, UserState> now = new java.util.HashMap<>();
        for (int i = 0; i < users.size(); i += CHUNK) {
            for (UserState s : deployment.userStates(users.subList(i, Math.min(i + CHUNK, users.size())))) {
                now.put(s.sipAddress(), s);
            }
        }
        return now;
    }
}
