package io.alertas.core.pass;

/**
 * Which of credentials.json's {@code "${NAME}"} values a use of the engine must have. A value that is needed and
 * unset or empty is a problem that stops the build, named as its variable; one that is not needed is read when it
 * is set and otherwise left unread: a medium with an unread value is known by its name and never delivers, and a
 * cluster with unread credentials is asked nothing. What is read is a secret either way, masked in every text.
 */
public enum SecretsNeeded {

    /** Every value: passes, tests and connection checks, which query the cluster and deliver. The default. */
    ALL,

    /**
     * The cluster's (the "elasticsearch", "state" and "history" sections): a use that queries the cluster and
     * delivers nothing, such as a backtest or the history.
     */
    CLUSTER,

    /**
     * The cluster's when the state is kept in the cluster ({@code "state": {"store": "elasticsearch"}}), else none:
     * a use that reads or writes the state only, such as the status or a silence.
     */
    STATE,

    /** None: a use that reads the configuration only, such as listing or validating the alerts without connecting. */
    NONE
}
