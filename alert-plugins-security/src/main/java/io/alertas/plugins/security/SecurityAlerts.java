package io.alertas.plugins.security;

import static io.alertas.spi.Responses.count;
import static io.alertas.spi.Responses.field;
import static io.alertas.spi.Responses.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertas.spi.AlertDefinition;
import io.alertas.spi.AlertModule;
import io.alertas.spi.Param;
import io.alertas.spi.PerBucket;
import io.alertas.spi.PerHit;
import io.alertas.spi.Query;
import io.alertas.spi.Severity;
import io.alertas.spi.rules.Rules;
import java.time.Duration;
import java.util.List;

/**
 * Security alerts over Windows Security and System events as Winlogbeat 8 and Elastic Agent write them,
 * and over Linux SSH authentication events from Filebeat's system module or Elastic Agent.
 */
public final class SecurityAlerts implements AlertModule {

    static final String WINDOWS_SECURITY = "winlogbeat-*,logs-system.security-*";
    static final String WINDOWS_SYSTEM = "winlogbeat-*,logs-system.system-*";
    static final String LINUX_AUTH = "filebeat-*,logs-system.auth-*";
    private static final String FAILED_LOGON = "{\"term\": {\"event.code\": \"4625\"}}";
    private static final String FAILED_LOGON_FROM_ADDRESS =
            "{\"bool\": {\"filter\": [" + FAILED_LOGON + ", {\"exists\": {\"field\": \"source.ip\"}}]}}";
    private static final String FAILED_SSH_LOGIN = """
            {"bool": {"filter": [
              {"term": {"event.action": "ssh_login"}},
              {"term": {"event.category": "authentication"}},
              {"term": {"event.outcome": "failure"}}]}}""";
    private static final String TOP_HOSTS = "{\"terms\": {\"field\": \"host.name\", \"size\": 5}}";
    private static final String TOP_SOURCES = "{\"terms\": {\"field\": \"source.ip\", \"size\": 5}}";

    @Override
    public String name() {
        return "security";
    }

    @Override
    public List<AlertDefinition> alerts() {
        return List.of(
                alert("privileged_logon", Severity.CRITICAL, WINDOWS_SECURITY,
                        "A watched privileged account logged on (Windows event 4624)")
                        .param(Param.strings("users", List.of("Administrator")).nonEmpty()
                                .description("the account names to watch (`TargetUserName`, exact)"))
                        .evaluator(new PerBucket("users", "Privileged accounts logged on",
                                (b, c) -> count(b.path("doc_count").asLong(), "logon") + on(b) + from(b)))
                        .build(),
                ruled("failed_logon_burst", Severity.WARNING, WINDOWS_SECURITY,
                        "At least `threshold` failed logons (Windows event 4625) for one account in the window")
                        .param(Param.integer("threshold", 5).atLeast(1)
                                .description("failed logons for one account that make a burst"))
                        .rule(Rules.frequency().filter(FAILED_LOGON).groupBy("winlog.event_data.TargetUserName").size(500)
                                .threshold(5).aggregation("hosts", TOP_HOSTS).aggregation("sources", TOP_SOURCES)
                                .summary("Failed-logon burst")
                                .describe((g, c) -> count(g.count(), "failed logon") + on(g.bucket()) + from(g.bucket()))
                                .build())
                        .build(),
                ruled("password_spray", Severity.CRITICAL, WINDOWS_SECURITY,
                        "One source address failed logons (4625) against at least `distinct_users` accounts")
                        .rule(Rules.cardinality().filter(FAILED_LOGON_FROM_ADDRESS).groupBy("source.ip")
                                .field("winlog.event_data.TargetUserName").atLeast(10)
                                .param("threshold", Param.integer("distinct_users", 10).atLeast(1)
                                        .description("distinct accounts one address must fail against"))
                                .aggregation("users", "{\"terms\": {\"field\": \"winlog.event_data.TargetUserName\", \"size\": 5}}")
                                .summary("Password spray from")
                                .describe((g, c) -> count(g.count(), "failed logon") + " against "
                                        + count((long) g.value(), "account") + ", such as "
                                        + String.join(", ", keys(g.bucket(), "users")))
                                .build())
                        .build(),
                alert("account_locked_out", Severity.WARNING, WINDOWS_SECURITY,
                        "An account was locked out (Windows event 4740)")
                        .evaluator(new PerBucket("accounts", "Accounts locked out",
                                (b, c) -> "locked out " + count(b.path("doc_count").asLong(), "time")
                                        + " by " + String.join(", ", keys(b, "callers")) + on(b)))
                        .build(),
                alert("user_account_created", Severity.WARNING, WINDOWS_SECURITY,
                        "A user account was created (Windows event 4720), with who created it")
                        .evaluator(new PerBucket("accounts", "User accounts created",
                                (b, c) -> "created by " + String.join(", ", keys(b, "creators")) + on(b)))
                        .build(),
                alert("privileged_group_member_added", Severity.CRITICAL, WINDOWS_SECURITY,
                        "A member was added to a watched privileged group (Windows events 4728, 4732, 4756)")
                        .param(Param.strings("groups", List.of("Administrators", "Domain Admins", "Enterprise Admins"))
                                .nonEmpty().description("the group names to watch (`group.name`, exact)"))
                        .evaluator(new PerHit("Members added to privileged groups",
                                hit -> field(hit, "group.name") + ":" + member(hit),
                                hit -> member(hit) + " (" + field(hit, "winlog.event_data.MemberName") + ") added to "
                                        + field(hit, "group.name") + " by " + field(hit, "user.name") + " on "
                                        + field(hit, "host.name") + " at " + field(hit, "@timestamp")))
                        .build(),
                alert("audit_log_cleared", Severity.CRITICAL, WINDOWS_SECURITY,
                        "The Security audit log was cleared (Windows event 1102)")
                        .evaluator(new PerHit("Security audit log cleared on",
                                hit -> field(hit, "host.name"),
                                hit -> "cleared by " + who(hit) + " at " + field(hit, "@timestamp")))
                        .build(),
                alert("service_installed", Severity.WARNING, WINDOWS_SYSTEM,
                        "A new service was installed (Windows System event 7045), with its image path")
                        .evaluator(new PerHit("Services installed",
                                hit -> field(hit, "host.name") + ":" + field(hit, "winlog.event_data.ServiceName"),
                                hit -> "service " + field(hit, "winlog.event_data.ServiceName") + " installed: "
                                        + field(hit, "winlog.event_data.ImagePath") + " (start "
                                        + field(hit, "winlog.event_data.StartType") + ", account "
                                        + field(hit, "winlog.event_data.AccountName") + ")"))
                        .build(),
                ruled("ssh_brute_force", Severity.WARNING, LINUX_AUTH,
                        "At least `threshold` failed SSH logins from one source address in the window")
                        .param(Param.integer("threshold", 10).atLeast(1)
                                .description("failed logins from one address that make an attack"))
                        .rule(Rules.frequency().filter(FAILED_SSH_LOGIN).groupBy("source.ip").threshold(10)
                                .aggregation("users", "{\"terms\": {\"field\": \"user.name\", \"size\": 5}}")
                                .aggregation("hosts", TOP_HOSTS)
                                .summary("SSH brute force from")
                                .describe((g, c) -> count(g.count(), "failed SSH login") + " for "
                                        + String.join(", ", keys(g.bucket(), "users")) + on(g.bucket()))
                                .build())
                        .build());
    }

    private static AlertDefinition.Builder alert(String name, Severity severity, String index, String description) {
        return ruled(name, severity, index, description)
                .query(Query.resource(SecurityAlerts.class, "/queries/security/" + name + ".json"));
    }

    /** An alert whose rule writes its query. */
    private static AlertDefinition.Builder ruled(String name, Severity severity, String index, String description) {
        return AlertDefinition.builder(name)
                .description(description)
                .severity(severity)
                .index(index)
                .throttlePeriod(Duration.ofMinutes(30));
    }

    private static String on(JsonNode bucket) {
        List<String> hosts = keys(bucket, "hosts");
        return hosts.isEmpty() ? "" : " on " + String.join(", ", hosts);
    }

    private static String from(JsonNode bucket) {
        List<String> sources = keys(bucket, "sources");
        return sources.isEmpty() ? "" : " from " + String.join(", ", sources);
    }

    /** The member's account name: ECS puts the first CN of MemberName in user.target.name. */
    private static String member(JsonNode hit) {
        String name = field(hit, "user.target.name");
        return name.isEmpty() ? field(hit, "winlog.event_data.MemberName") : name;
    }

    /** Who cleared the log: 1102 has no event_data; the subject is in user_data (and user.name). */
    private static String who(JsonNode hit) {
        String domain = field(hit, "winlog.user_data.SubjectDomainName");
        String user = field(hit, "winlog.user_data.SubjectUserName");
        if (user.isEmpty()) {
            user = field(hit, "user.name");
        }
        return domain.isEmpty() ? user : domain + "\\" + user;
    }
}
