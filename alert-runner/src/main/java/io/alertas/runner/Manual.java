package io.alertas.runner;

import java.util.List;

/** The manual that --help prints, in the sections of a man page; its COMMANDS are the commands' own entries. */
final class Manual {

    private static final String HEAD = """
            NAME
                alertas - alerting on an Elasticsearch or OpenSearch cluster, one pass per cron minute

            SYNOPSIS
                alertas COMMAND [NAME...] --config DIR [OPTIONS]
                alertas init DIR
                alertas --help | --version

                (bin/alertas of the tarball; from a build, java -jar alert-runner.jar takes the same arguments)

            DESCRIPTION
                Each pass sends every active alert's query to the cluster, lets the alert's evaluator decide
                whether it fires, delivers what fired to the alert's media (Slack, email, webhook, Teams,
                PagerDuty, Opsgenie) and keeps a delivered alert quiet for its throttle period. Run "run" from
                cron or the systemd timer once a minute; every other command is for people.

            COMMANDS
            """;

    private static final String TAIL = """

            OPTIONS OF EVERY COMMAND BUT INIT AND SIGMA CHECK
                --config DIR         the config dir (required)
                --plugins DIR        also load every alert jar in DIR (DIR/plugins in the config dir is read too)
                --help               this text
                --version            the version

            FILES (in the config dir)
                credentials.json     the cluster, the media and their secrets; "${NAME}" reads variable NAME
                alerts.json          per alert: active, throttle_period, media, index, params; routes
                alerts.d/*.json      alerts written as JSON rules
                sigma.json           Sigma rules as alerts: where the rules are, which, their mapping and overrides
                queries/NAME.json    replaces the query alert NAME's jar ships
                plugins/             alert jars of your own
                throttle_period.json the state (with the file store); alerts.log the log

            ENVIRONMENT
                Any variable credentials.json names as "${NAME}", such as ES_PASSWORD; alertas.env in the config
                dir holds them for systemd (EnvironmentFile=) and cron (sourced). run, test, serve and validate
                --connect need every one; backtest and status --history the cluster's; status, silence and
                unsilence the cluster's only when the state is kept in the cluster; list and validate none
                (validate names each medium it could not fully check without its variable). The cluster's
                "url", when written "${NAME}", every command needs. ALERTAS_LOG=stderr sends the log to stderr
                instead of alerts.log, without stack traces or the lines the runner prints there itself, so
                that each problem is said once. ALERTAS_SHARD and ALERTAS_SHARDS: see run. bin/alertas also
                reads JAVA_HOME (the Java 17+ to run on), ALERTAS_JAVA_OPTS (extra JVM flags) and ALERTAS_CACHE
                (where it keeps its class-data archive, or on Java 25+ its AOT cache; else systemd's cache dir,
                else $XDG_CACHE_HOME/alertas or ~/.cache/alertas).

            EXIT STATUS
                0 all evaluated and delivered; 1 something failed (named on stderr, and in alerts.log unless
                ALERTAS_LOG=stderr); 2 usage or configuration error, nothing evaluated; 3 another pass holds
                the lock.

            EXAMPLES
                alertas init /etc/alertas
                alertas validate --connect --config /etc/alertas
                alertas run --config /etc/alertas
                alertas silence filesystem_usage web-01:/var --for 2h --reason "disk swap" --config /etc/alertas

            Durations: 90s, 30m, 2h, 1d, at most 1095d (3 years). Instants: ISO-8601 such as 2026-11-26T10:00:00Z.
            """;

    private Manual() {
    }

    /** The whole manual, with the entries of {@code commands} in their order. */
    static String text(List<Command> commands) {
        StringBuilder text = new StringBuilder(HEAD);
        commands.forEach(c -> text.append(c.manual()));
        return text.append(TAIL).toString();
    }
}
