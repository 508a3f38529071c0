package io.alertas.sigma.regression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Windows event, as SigmaHQ's regression data renders its XML ({@code Event.System}, {@code Event.EventData} or
 * {@code Event.UserData}), turned into the document Elastic Agent's Windows and System integrations (Winlogbeat 8
 * with its modules) index.
 *
 * <p>Where each fact comes from:
 * <ul>
 * <li>Winlogbeat's own fields ({@code winlog.channel}, {@code winlog.event_id} and {@code event.code} as strings,
 * {@code winlog.provider_name}, {@code winlog.computer_name}, {@code winlog.record_id}, {@code winlog.event_data.*}
 * all keywords, {@code winlog.user_data.*} for events without EventData): Winlogbeat's exported-fields reference and
 * /work/shared/FIELDS.md.</li>
 * <li>Sysmon: the ingest pipeline of Winlogbeat 8 (github elastic/beats, x-pack/winlogbeat/module/sysmon/ingest/
 * sysmon.yml) and of Elastic Agent (elastic/integrations, packages/windows/data_stream/sysmon_operational): empty
 * and "-" values dropped; Image, CommandLine, the parent, GUIDs and IDs renamed into process.*; TargetFilename,
 * ImageLoaded, Device into file.path, PipeName into file.name; addresses into source/destination; QueryName into
 * dns.question.name; Hashes split into process.hash.* (events 1, 23-26) or file.hash.* (6, 7, 15, 26, 29) in lower
 * case, IMPHASH into pe.imphash; User split into user.domain and user.name; TargetObject into registry.path,
 * hive, key and value; Details into registry.data.strings (a DWORD as its decimal value); then User, Hashes,
 * TargetObject and the addresses removed from event_data. Details stays in event_data (Agent's pipeline keeps it;
 * Winlogbeat 8's removes it, the one difference between them here).</li>
 * <li>Security: Winlogbeat's security module (x-pack/winlogbeat/module/security/ingest/security.yml) and
 * FIELDS.md: event data kept; the subject into user.*; 4688 into process.* (NewProcessName, CommandLine,
 * ParentProcessName, NewProcessId in hex); for logons IpAddress, IpPort, WorkstationName moved to source.*.</li>
 * <li>PowerShell: the powershell module (x-pack/winlogbeat/module/powershell/ingest/powershell_operational.yml):
 * 4104's ScriptBlockText and ScriptBlockId to powershell.file.*, Path to file.path.</li>
 * </ul>
 */
final class WinlogbeatDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";
    private static final Set<String> LOGONS = Set.of("4624", "4625", "4648", "4720", "4728", "4732", "4756", "4740",
            "1102");

    private WinlogbeatDocument() {
    }

    /** The document for one rendered event ({@code {"Event": {...}}}). */
    static ObjectNode of(JsonNode rendered) {
        JsonNode event = rendered.path("Event");
        JsonNode system = event.path("System");
        ObjectNode doc = JSON.createObjectNode();
        String channel = system.path("Channel").asText();
        String id = system.path("EventID").isObject() ? system.path("EventID").path("#text").asText()
                : system.path("EventID").asText();
        doc.put("@timestamp", system.at("/TimeCreated/#attributes/SystemTime").asText());
        ObjectNode winlog = doc.putObject("winlog");
        winlog.put("channel", channel).put("event_id", id)
                .put("provider_name", system.at("/Provider/#attributes/Name").asText())
                .put("computer_name", system.path("Computer").asText())
                .put("record_id", system.path("EventRecordID").asText());
        if (system.at("/Provider/#attributes/Guid").isTextual()) {
            winlog.put("provider_guid", "{" + system.at("/Provider/#attributes/Guid").asText() + "}");
        }
        String sid = system.at("/Security/#attributes/UserID").asText("");
        if (!sid.isEmpty()) {
            winlog.putObject("user").put("identifier", sid);
        }
        doc.putObject("event").put("code", id).put("kind", "event");
        doc.putObject("host").put("name", system.path("Computer").asText().toLowerCase(Locale.ROOT));
        ObjectNode data = strings(event.path("EventData"));
        if (event.has("UserData")) {
            Iterator<JsonNode> inner = event.path("UserData").elements();
            if (inner.hasNext()) {
                winlog.set("user_data", strings(inner.next()));
            }
        }
        if (channel.equalsIgnoreCase(SYSMON)) {
            SysmonFields.fill(doc, id, data);
        } else if (channel.equalsIgnoreCase("Security")) {
            security(doc, id, data);
        } else if (channel.equalsIgnoreCase("Microsoft-Windows-PowerShell/Operational") && id.equals("4104")) {
            powershell(doc, data);
        }
        if (!data.isEmpty()) {
            winlog.set("event_data", data);
        }
        return doc;
    }

    /** Every data item as a keyword, as Winlogbeat writes them; attributes left out. */
    private static ObjectNode strings(JsonNode items) {
        ObjectNode data = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> item : items.properties()) {
            JsonNode value = item.getValue();
            if (item.getKey().startsWith("#") || value.isNull() || value.isContainerNode()) {
                continue;
            }
            data.put(item.getKey(), value.asText());
        }
        return data;
    }

    private static void security(ObjectNode doc, String id, ObjectNode data) {
        doc.with("event").put("module", "security");
        ObjectNode user = JSON.createObjectNode();
        copy(data, "SubjectUserName", user, "name");
        copy(data, "SubjectDomainName", user, "domain");
        copy(data, "SubjectUserSid", user, "id");
        if (Set.of("4624", "4625").contains(id)) {
            copy(data, "TargetUserName", user, "name");
            copy(data, "TargetDomainName", user, "domain");
            copy(data, "TargetUserSid", user, "id");
        }
        if (!user.isEmpty()) {
            doc.set("user", user);
        }
        if (id.equals("4688")) {
            ObjectNode process = doc.putObject("process");
            copy(data, "NewProcessName", process, "executable");
            copy(data, "CommandLine", process, "command_line");
            if (data.has("NewProcessId")) {
                process.put("pid", Long.decode(data.get("NewProcessId").asText()));
            }
            ObjectNode parent = process.putObject("parent");
            copy(data, "ParentProcessName", parent, "executable");
            for (ObjectNode one : List.of(process, parent)) {
                if (one.has("executable")) {
                    one.put("name", fileName(one.get("executable").asText()));
                }
            }
        }
        if (LOGONS.contains(id)) {
            ObjectNode source = JSON.createObjectNode();
            move(data, "IpAddress", source, "ip");
            move(data, "IpPort", source, "port");
            move(data, "WorkstationName", source, "domain");
            if (source.path("ip").asText().equals("-")) {
                source.remove("ip");
            }
            if (!source.isEmpty()) {
                doc.set("source", source);
            }
        }
    }

    private static void powershell(ObjectNode doc, ObjectNode data) {
        ObjectNode file = JSON.createObjectNode();
        ObjectNode powershellFile = JSON.createObjectNode();
        move(data, "ScriptBlockText", powershellFile, "script_block_text");
        move(data, "ScriptBlockId", powershellFile, "script_block_id");
        move(data, "Path", file, "path");
        doc.putObject("powershell").set("file", powershellFile);
        if (!file.isEmpty()) {
            doc.set("file", file);
        }
    }

    static void copy(ObjectNode from, String name, ObjectNode to, String target) {
        if (from.hasNonNull(name) && !from.get(name).asText().isEmpty()) {
            to.put(target, from.get(name).asText());
        }
    }

    static void move(ObjectNode from, String name, ObjectNode to, String target) {
        copy(from, name, to, target);
        from.remove(name);
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('\\') + 1);
    }
}
