package io.cutover.deployment;

/** The synthetic transactions (Test-Cs* cmdlets) a deployment can run. */
public enum ProbeKind {
    Registration("Test-CsRegistration"),
    Presence("Test-CsPresence"),
    Im("Test-CsIM"),
    Call("Test-CsP2PAV"),
    Conference("Test-CsAVConference"),
    External("Test-CsAVEdgeConnectivity"),
    Federated("Test-CsFederatedPartner"),
    Xmpp("Test-CsXmppIM"),
    PersistentChat("Test-CsPersistentChatMessage");

    private final String cmdlet;

    ProbeKind(String cmdlet) {
        this.cmdlet = cmdlet;
    }

    public String cmdlet() {
        return cmdlet;
    }

    /** The modalities proved between two internal users in coexistence testing. */
    public static final java.util.List<ProbeKind> PEER_MODALITIES =
            java.util.List.of(Registration, Presence, Im, Call, Conference);
}
