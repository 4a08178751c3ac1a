package io.cutover.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.UserState;
import io.cutover.inventory.SipAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The user states a run recorded before it first moved each user (table {@code user_state}), to
 * compare the deployment with after the move and after a rollback.
 */
public final class UserStates {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Users asked about per query: well under every dialect's limit on bound parameters. */
    private static final int CHUNK = 500;

    private final Jdbi jdbi;

    UserStates(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records each state unless the run already has one for that user: the first state read is kept. */
    public void recordFirst(String runId, List<UserState> states, Instant at) {
        if (states.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch b = h.prepareBatch("insert into user_state (run_id, sip, state, taken_at)"
                    + " values (:run, :sip, :state, :at) on conflict (run_id, sip) do nothing");
            for (UserState s : states) {
                b.bind("run", runId)
                        .bind("sip", s.sipAddress().key())
                        .bind("state", write(s))
                        .bind("at", at.toString())
                        .add();
            }
            b.execute();
        });
    }

    /** The recorded states of those of {@code users} the run has one for. */
    public Map<SipAddress, UserState> of(String runId, List<SipAddress> users) {
        Map<SipAddress, UserState> found = new HashMap<>();
        for (int i = 0; i < users.size(); i += CHUNK) {
            List<String> keys = new ArrayList<>();
            users.subList(i, Math.min(i + CHUNK, users.size())).forEach(u -> keys.add(u.key()));
            jdbi.useHandle(h -> h.createQuery("select state from user_state where run_id = :run and sip in (<sips>)")
                    .bind("run", runId)
                    .bindList("sips", keys)
                    .mapTo(String.class)
                    .forEach(text -> {
                        UserState s = read(text);
                        found.put(s.sipAddress(), s);
                    }));
        }
        return found;
    }

    private static String write(UserState s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "cannot write the state of " + s.sipAddress(), e);
        }
    }

    private static UserState read(String text) {
        try {
            return JSON.readValue(text, UserState.class);
        } catch (JsonProcessingException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "a recorded user state does not read back: " + e, e);
        }
    }
}
