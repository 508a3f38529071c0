package io.alertas.sigma.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alertas.sigma.rule.LogSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingsTest {

    private static final Mappings ECS = Mappings.named("ecs_windows");

    @TempDir
    Path dir;

    @Test
    void namesTheBuiltInMappingsDefaultFirst() {
        assertEquals(List.of("ecs_windows", "ecs_windows_old"), Mappings.names());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mappings.named("splunk"));
        assertEquals("no mapping named \"splunk\"; the mappings are [ecs_windows, ecs_windows_old]", e.getMessage());
    }

    @Test
    void processCreationIsSysmonOneOrSecurity4688InTheWinlogbeatAndAgentIndices() {
        LogSourceTarget target = target(ECS, "windows", "process_creation", null);
        assertEquals("winlogbeat-*,logs-windows.*,logs-system.*", target.index());
        assertEquals(1, target.filters().size());
        assertEquals("{\"bool\":{\"should\":["
                + "{\"bool\":{\"filter\":[{\"term\":{\"winlog.channel\":{\"value\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"case_insensitive\":true}}},{\"terms\":{\"winlog.event_id\":[\"1\"]}}]}},"
                + "{\"bool\":{\"filter\":[{\"term\":{\"winlog.channel\":{\"value\":\"Security\",\"case_insensitive\":true}}},"
                + "{\"terms\":{\"winlog.event_id\":[\"4688\"]}}]}}],\"minimum_should_match\":1}}",
                target.filters().get(0).toString());
    }

    @Test
    void aServiceIsItsChannelWhateverTheEvent() {
        LogSourceTarget target = target(ECS, "windows", null, "security");
        assertEquals("[{\"term\":{\"winlog.channel\":{\"value\":\"Security\",\"case_insensitive\":true}}}]",
                target.filters().toString());
    }

    @Test
    void sigmaFieldsGoWhereTheSysmonPipelinePutsThemAndTheRestStaysInEventData() {
        FieldMap fields = target(ECS, "windows", "process_creation", null).fields();
        assertEquals(List.of("process.executable"), fields.targets("Image"));
        assertEquals(List.of("process.parent.command_line"), fields.targets("ParentCommandLine"));
        assertEquals(List.of("process.pe.original_file_name"), fields.targets("OriginalFileName"));
        assertEquals(List.of("user.name", "user.domain"), fields.targets("User"));
        assertEquals(List.of("winlog.event_data.IntegrityLevel"), fields.targets("IntegrityLevel"));
        assertEquals(List.of("process.hash.md5"), fields.targets("md5"));
        assertEquals(List.of("winlog.channel"), fields.targets("winlog.channel"), "an ECS field stays as it is");
    }

    @Test
    void theSameSigmaFieldMeansAnotherFieldInAnotherLogSource() {
        assertEquals(List.of("file.pe.original_file_name"),
                target(ECS, "windows", "image_load", null).fields().targets("OriginalFileName"));
        assertEquals(List.of("file.hash.sha256"),
                target(ECS, "windows", "driver_load", null).fields().targets("sha256"));
        assertEquals(List.of("winlog.event_data.User"),
                target(ECS, "windows", null, "security").fields().targets("User"));
        assertEquals(List.of("source.ip"), target(ECS, "windows", null, "security").fields().targets("IpAddress"));
        assertEquals(List.of("powershell.file.script_block_text"),
                target(ECS, "windows", "ps_script", null).fields().targets("ScriptBlockText"));
    }

    @Test
    void winlogbeatSixKeepsEverythingUnderEventDataAndTheHeaderAtTheTop() {
        Mappings old = Mappings.named("ecs_windows_old");
        LogSourceTarget target = target(old, "windows", "registry_set", null);
        assertEquals("winlogbeat-*", target.index());
        assertEquals("[{\"bool\":{\"filter\":[{\"term\":{\"log_name\":{\"value\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"case_insensitive\":true}}},{\"terms\":{\"event_id\":[\"13\"]}}]}}]", target.filters().toString());
        assertEquals(List.of("event_data.TargetObject"), target.fields().targets("TargetObject"));
        assertEquals(List.of("event_id"), target.fields().targets("EventID"));
        assertEquals(List.of("computer_name"), target.fields().targets("ComputerName"));
    }

    @Test
    void unknownLogSourcesAreEmpty() {
        assertTrue(ECS.target(new LogSource("windows", "antivirus", null)).isEmpty());
        assertTrue(ECS.target(new LogSource("windows", null, "no-such-service")).isEmpty());
        assertTrue(ECS.target(new LogSource("linux", "process_creation", null)).isEmpty());
        assertTrue(ECS.target(new LogSource(null, "proxy", null)).isEmpty());
    }

    @Test
    void anInstallationsFileAddsFieldsLogSourcesAndIndexPatterns() throws IOException {
        Path file = write("""
                products:
                  windows:
                    index: "wineventlog-*"
                    fields:
                      Image: [process.executable, process.name]
                    categories:
                      antivirus:
                        events: [ { channel: "Microsoft-Windows-Windows Defender/Operational", ids: [1116, 1117] } ]
                  linux:
                    index: "logs-auditd-*"
                    fields: { Image: process.executable }
                    categories: { process_creation: { events: [] } }
                """);
        Mappings mine = ECS.overriddenBy(file);
        LogSourceTarget creation = target(mine, "windows", "process_creation", null);
        assertEquals("wineventlog-*", creation.index());
        assertEquals(List.of("process.executable", "process.name"), creation.fields().targets("Image"));
        assertEquals(List.of("process.command_line"), creation.fields().targets("CommandLine"), "the rest stays");
        assertEquals("[\"1116\",\"1117\"]",
                target(mine, "windows", "antivirus", null).filters().get(0).at("/bool/filter/1/terms/winlog.event_id")
                        .toString());
        LogSourceTarget linux = target(mine, "linux", "process_creation", null);
        assertEquals(List.of(), linux.filters());
        assertEquals(List.of(), linux.fields().targets("CommandLine"), "no prefix: an unknown field is unmapped");
        assertEquals("winlogbeat-*,logs-windows.*,logs-system.*", target(ECS, "windows", "process_creation", null)
                .index(), "the built-in mapping is unchanged");
    }

    @Test
    void aMalformedFileIsNamedWithLineAndColumn() throws IOException {
        assertEquals(file("bad.yml") + ":3:59: at products.windows.categories.x.events[0]: \"ids\" must be event IDs like 4688, not \"one\"",
                problem("bad.yml", "products:\n  windows:\n    categories: { x: { events: [ { channel: A, ids: [one] } ] } }\n"));
        String unknown = problem("unknown.yml", "products:\n  windows:\n    indexes: \"x-*\"\n");
        assertTrue(unknown.startsWith(file("unknown.yml") + ":4:1: at products.windows.indexes: unknown key \"indexes\"; the keys here are ["),
                unknown);
        String syntax = problem("syntax.yml", "products: [\n");
        assertTrue(syntax.startsWith(file("syntax.yml") + ":"), syntax);
        assertEquals(file("target.yml") + ":4:1: at products.windows: field \"Image\" must name a document field like \"winlog.channel\","
                        + " not \"process\"executable\"",
                problem("target.yml", "products:\n  windows:\n    fields: { Image: \"process\\\"executable\" }\n"));
        assertEquals(file("base.yml") + ": \"base\" is for the built-in mappings only; an installation's file is laid"
                + " over the mapping the config names", problem("base.yml", "base: ecs_windows\n"));
        assertEquals(file("missing.yml") + ": cannot be read (NoSuchFileException: " + file("missing.yml") + ")",
                assertThrows(IllegalArgumentException.class, () -> ECS.overriddenBy(dir.resolve("missing.yml")))
                        .getMessage());
    }

    @Test
    void hostileFilesGetOneLine() throws IOException {
        String huge = "products:\n  windows:\n    fields:\n" + "      F: x\n".repeat(200_000);
        assertTrue(problem("huge.yml", huge).contains("a mapping file must be under 1024 KiB"));
        String deep = "products: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertTrue(problem("deep.yml", deep).startsWith(file("deep.yml") + ":"));
        String bombs = "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
        assertTrue(problem("bomb.yml", bombs).startsWith(file("bomb.yml") + ":"));
        assertTrue(problem("bidi.yml", "products:\n  windows:\n    index: \"logs-\u202e*\"\n")
                .endsWith("\"index\" must be an index pattern like \"winlogbeat-*\""));
        assertEquals("/dev/zero: a mapping file must be a regular file",
                assertThrows(IllegalArgumentException.class, () -> ECS.overriddenBy(Path.of("/dev/zero"))).getMessage());
    }

    private String problem(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return assertThrows(IllegalArgumentException.class, () -> ECS.overriddenBy(file)).getMessage();
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("sigma-mapping.yml"), text);
    }

    private static LogSourceTarget target(Mappings mappings, String product, String category, String service) {
        return mappings.target(new LogSource(product, category, service)).orElseThrow();
    }
}
