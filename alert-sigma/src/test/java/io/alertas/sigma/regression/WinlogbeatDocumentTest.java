package io.alertas.sigma.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class WinlogbeatDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSysmonProcessCreationBecomesEcsProcessFieldsAndKeepsTheRestAsKeywords() throws IOException {
        JsonNode doc = WinlogbeatDocument.of(benign("04-notepad-from-explorer.json"));
        assertEquals("Microsoft-Windows-Sysmon/Operational", doc.at("/winlog/channel").asText());
        assertEquals("1", doc.at("/winlog/event_id").textValue());
        assertEquals("1", doc.at("/event/code").textValue());
        assertEquals("C:\\Windows\\System32\\notepad.exe", doc.at("/process/executable").asText());
        assertEquals("notepad.exe", doc.at("/process/name").asText());
        assertEquals("C:\\Windows\\explorer.exe", doc.at("/process/parent/executable").asText());
        assertEquals("explorer.exe", doc.at("/process/parent/name").asText());
        assertEquals("NOTEPAD.EXE", doc.at("/process/pe/original_file_name").asText());
        assertEquals("alice", doc.at("/user/name").asText());
        assertEquals("CORP", doc.at("/user/domain").asText());
        assertEquals("0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
                doc.at("/process/hash/sha256").asText());
        assertEquals("Medium", doc.at("/winlog/event_data/IntegrityLevel").textValue());
        assertEquals("0", doc.at("/winlog/event_data/TerminalSessionId").textValue(), "a number becomes a keyword");
        assertFalse(doc.at("/winlog/event_data").has("Image"), "renamed fields leave event_data");
        assertFalse(doc.at("/winlog/event_data").has("User"));
        assertFalse(doc.at("/winlog/event_data").has("RuleName"), "a \"-\" is dropped");
    }

    @Test
    void aRegistryDwordIsDecimalInRegistryDataAndKeptAsWrittenInEventData() throws IOException {
        JsonNode doc = WinlogbeatDocument.of(benign("16-registry-update-lastscan.json"));
        assertEquals("HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Orchestrator\\LastScanTime",
                doc.at("/registry/path").asText());
        assertEquals("HKLM", doc.at("/registry/hive").asText());
        assertEquals("LastScanTime", doc.at("/registry/value").asText());
        assertEquals("1", doc.at("/registry/data/strings/0").asText());
        assertEquals("DWORD (0x00000001)", doc.at("/winlog/event_data/Details").asText());
        assertFalse(doc.at("/winlog/event_data").has("TargetObject"));
    }

    @Test
    void aLogonMovesTheAddressToSourceAndNamesTheTargetUser() throws IOException {
        JsonNode doc = WinlogbeatDocument.of(benign("20-logon-network-fileshare.json"));
        assertEquals("10.1.2.50", doc.at("/source/ip").asText());
        assertEquals("WS01", doc.at("/source/domain").asText());
        assertEquals("bob", doc.at("/user/name").asText());
        assertEquals("3", doc.at("/winlog/event_data/LogonType").asText());
        assertFalse(doc.at("/winlog/event_data").has("IpAddress"));
    }

    @Test
    void aSecurityProcessCreationFillsTheSameProcessFieldsAsSysmonAndKeepsItsEventData() throws IOException {
        JsonNode doc = WinlogbeatDocument.of(benign("22-security-process-creation-gpupdate.json"));
        assertEquals("4688", doc.at("/event/code").textValue());
        assertEquals("C:\\Windows\\System32\\gpupdate.exe", doc.at("/process/executable").asText());
        assertEquals("gpupdate.exe /target:computer", doc.at("/process/command_line").asText());
        assertEquals(6700, doc.at("/process/pid").asLong(), "NewProcessId is hexadecimal");
        assertEquals("svchost.exe", doc.at("/process/parent/name").asText());
        assertEquals("WS01$", doc.at("/user/name").asText());
        assertEquals("C:\\Windows\\System32\\gpupdate.exe", doc.at("/winlog/event_data/NewProcessName").asText());
    }

    static JsonNode benign(String name) throws IOException {
        try (InputStream in = WinlogbeatDocumentTest.class.getResourceAsStream("benign/" + name)) {
            return JSON.readTree(in);
        }
    }
}
