package io.alertas.sigma.regression;

import static io.alertas.sigma.regression.WinlogbeatDocument.copy;
import static io.alertas.sigma.regression.WinlogbeatDocument.fileName;
import static io.alertas.sigma.regression.WinlogbeatDocument.move;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the Sysmon ingest pipeline makes of a Sysmon event's data (the facts are named on WinlogbeatDocument). */
final class SysmonFields {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern DWORD = Pattern.compile("(?i)DWORD \\((0x[0-9A-F]{8})\\)");
    private static final Map<String, String> HIVES = Map.of("HKEY_CLASSES_ROOT", "HKCR", "HKCR", "HKCR",
            "HKEY_CURRENT_USER", "HKCU", "HKCU", "HKCU", "HKEY_LOCAL_MACHINE", "HKLM", "HKLM", "HKLM",
            "HKEY_USERS", "HKU", "HKU", "HKU", "HKEY_CURRENT_CONFIG", "HKCC", "HKCC", "HKCC");
    private static final List<String> REMOVED = List.of("ProcessId", "ParentProcessId", "SourceProcessId",
            "SourceThreadId", "SourceIp", "SourcePort", "SourcePortName", "DestinationIp", "DestinationPort",
            "DestinationPortName", "RuleName", "User", "Initiated", "SourceIsIpv6", "DestinationIsIpv6",
            "QueryStatus", "Archived", "IsExecutable", "QueryResults", "UtcTime", "Hash", "Hashes", "TargetObject");

    private SysmonFields() {
    }

    static void fill(ObjectNode doc, String code, ObjectNode data) {
        data.properties().removeIf(item -> Set.of("", "-", "{00000000-0000-0000-0000-000000000000}")
                .contains(item.getValue().asText()));
        doc.with("event").put("module", "sysmon");
        if (data.has("RuleName")) {
            doc.putObject("rule").put("name", data.get("RuleName").asText());
        }
        ObjectNode process = JSON.objectNode();
        ObjectNode parent = JSON.objectNode();
        ObjectNode file = JSON.objectNode();
        move(data, "ProcessGuid", process, "entity_id");
        number(data, "ProcessId", process, "pid");
        move(data, "Image", process, "executable");
        move(data, "SourceProcessGuid", process, "entity_id");
        move(data, "SourceProcessGUID", process, "entity_id");
        number(data, "SourceProcessId", process, "pid");
        if (data.has("SourceThreadId")) {
            process.putObject("thread").put("id", Long.parseLong(data.get("SourceThreadId").asText()));
        }
        move(data, "SourceImage", process, "executable");
        move(data, "Destination", process, "executable");
        move(data, "CommandLine", process, "command_line");
        move(data, "CurrentDirectory", process, "working_directory");
        move(data, "ParentProcessGuid", parent, "entity_id");
        number(data, "ParentProcessId", parent, "pid");
        move(data, "ParentImage", parent, "executable");
        move(data, "ParentCommandLine", parent, "command_line");
        ObjectNode pe = JSON.objectNode();
        move(data, "OriginalFileName", pe, "original_file_name");
        copy(data, "Company", pe, "company");
        copy(data, "Description", pe, "description");
        copy(data, "FileVersion", pe, "file_version");
        copy(data, "Product", pe, "product");
        hashes(data, code, process, file, pe);
        (code.equals("7") ? file : process).set("pe", pe);
        names(process);
        names(parent);
        if (!parent.isEmpty()) {
            process.set("parent", parent);
        }
        files(data, file);
        network(doc, data);
        user(doc, data);
        if (Set.of("12", "13", "14").contains(code) && data.has("TargetObject")) {
            doc.set("registry", registry(data));
        }
        if (data.has("TargetProcessGuid")) {
            data.set("TargetProcessGUID", data.remove("TargetProcessGuid"));
        }
        put(doc, "process", process);
        put(doc, "file", file);
        REMOVED.forEach(data::remove);
    }

    private static void hashes(ObjectNode data, String code, ObjectNode process, ObjectNode file, ObjectNode pe) {
        String text = data.has("Hashes") ? data.get("Hashes").asText() : data.path("Hash").asText("");
        ObjectNode hash = JSON.objectNode();
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length == 2 && !parts[1].matches("0*")) {
                hash.put(parts[0].trim().toLowerCase(Locale.ROOT), parts[1].trim().toLowerCase(Locale.ROOT));
            }
        }
        if (hash.isEmpty()) {
            return;
        }
        if (hash.has("imphash")) {
            pe.set("imphash", hash.remove("imphash"));
        }
        if (Set.of("1", "23", "24", "25", "26").contains(code)) {
            process.set("hash", hash);
        } else if (Set.of("6", "7", "15", "26", "29").contains(code)) {
            file.set("hash", hash);
        }
    }

    private static void names(ObjectNode process) {
        String executable = process.path("executable").asText("");
        if (executable.contains("\\")) {
            process.put("name", fileName(executable));
        }
    }

    private static void files(ObjectNode data, ObjectNode file) {
        move(data, "TargetFilename", file, "path");
        move(data, "Device", file, "path");
        move(data, "PipeName", file, "name");
        move(data, "ImageLoaded", file, "path");
        ObjectNode signature = JSON.objectNode();
        copy(data, "Signature", signature, "subject_name");
        copy(data, "SignatureStatus", signature, "status");
        if (data.path("Signed").asText().equals("true")) {
            signature.put("signed", true);
        }
        put(file, "code_signature", signature);
        String path = file.path("path").asText("");
        int slash = path.lastIndexOf('\\');
        if (slash > -1) {
            file.put("name", path.substring(slash + 1)).put("directory", path.substring(0, slash));
            int dot = path.lastIndexOf('.');
            if (dot > -1) {
                file.put("extension", path.substring(dot + 1));
            }
        }
    }

    private static void network(ObjectNode doc, ObjectNode data) {
        ObjectNode network = JSON.objectNode();
        ObjectNode source = JSON.objectNode();
        ObjectNode destination = JSON.objectNode();
        move(data, "Protocol", network, "transport");
        copy(data, "DestinationPortName", network, "protocol");
        copy(data, "SourcePortName", network, "protocol");
        copy(data, "SourceIp", source, "ip");
        move(data, "SourceHostname", source, "domain");
        number(data, "SourcePort", source, "port");
        copy(data, "DestinationIp", destination, "ip");
        move(data, "DestinationHostname", destination, "domain");
        number(data, "DestinationPort", destination, "port");
        String initiated = data.path("Initiated").asText("");
        if (!initiated.isEmpty()) {
            network.put("direction", initiated.equals("true") ? "egress" : "ingress");
        }
        if (data.has("QueryName")) {
            doc.putObject("dns").putObject("question").put("name", data.remove("QueryName").asText());
            network.put("protocol", "dns");
        }
        if (data.has("QueryStatus")) {
            String status = data.get("QueryStatus").asText();
            doc.putObject("sysmon").putObject("dns").put("status", status.equals("0") ? "SUCCESS" : status);
        }
        put(doc, "network", network);
        put(doc, "source", source);
        put(doc, "destination", destination);
    }

    private static void user(ObjectNode doc, ObjectNode data) {
        ObjectNode user = JSON.objectNode();
        if (doc.path("winlog").path("user").has("identifier")) {
            user.put("id", doc.path("winlog").path("user").path("identifier").asText());
        }
        String[] parts = data.path("User").asText("").split("\\\\");
        if (parts.length == 2) {
            user.put("domain", parts[0]).put("name", parts[1]);
        }
        put(doc, "user", user);
    }

    private static ObjectNode registry(ObjectNode data) {
        ObjectNode registry = JSON.objectNode();
        String path = data.get("TargetObject").asText();
        registry.put("path", path);
        String[] tokens = path.split("\\\\");
        String hive = HIVES.get(tokens[0]);
        if (hive != null) {
            registry.put("hive", hive);
            if (tokens.length > 1) {
                registry.put("key", path.substring(tokens[0].length() + 1));
            }
        }
        registry.put("value", tokens[tokens.length - 1]);
        String details = data.path("Details").asText("");
        if (!details.isEmpty()) {
            Matcher dword = DWORD.matcher(details);
            ObjectNode value = registry.putObject("data");
            if (dword.matches()) {
                value.put("type", "SZ_DWORD").putArray("strings").add(Long.toString(Long.decode(dword.group(1))));
            } else {
                value.put("type", details.equals("Binary Data") ? "REG_BINARY" : "REG_SZ")
                        .putArray("strings").add(details);
            }
        }
        return registry;
    }

    private static void number(ObjectNode data, String name, ObjectNode to, String target) {
        String text = data.path(name).asText("");
        if (text.matches("[0-9]{1,18}")) {
            to.put(target, Long.parseLong(text));
        }
    }

    private static void put(ObjectNode parent, String name, ObjectNode child) {
        if (!child.isEmpty()) {
            parent.set(name, child);
        }
    }
}
