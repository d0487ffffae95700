package cn.shandong.chsync.security;

/**
 * Who a signed-in user is to the service. Operators run the syncs, support staff work the
 * reconciliation queue, a bureau reads its own city's people, an administrator everything.
 */
public enum Role {
    OPERATOR, SUPPORT, BUREAU, ADMIN;

    /**
     * Whether the role's work needs ID numbers in clear: support staff (a record to correct at its
     * platform), a bureau (its own people), administrators. Operators never see them.
     */
    public boolean seesClearIdNumbers() {
        return this != OPERATOR;
    }

    /** The authority Spring Security checks, ROLE_ + the name. */
    String authority() {
        return "ROLE_" + name();
    }
}
