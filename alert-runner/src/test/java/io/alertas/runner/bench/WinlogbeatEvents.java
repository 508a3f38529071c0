package io.alertas.runner.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Windows events as Winlogbeat 8 indexes them, made up for the Sigma benchmark from a fixed seed: a fleet of
 * workstations, servers and domain controllers with Sysmon, PowerShell logging and the Security and System
 * channels, in the proportions such a fleet sends (network connections and registry writes most, service
 * installations rarely). ECS fields where Winlogbeat's pipelines put them, the rest in {@code winlog.event_data}.
 * Values are ordinary: the attacks that SigmaHQ rules should catch are {@link WinlogbeatAttacks}'.
 */
final class WinlogbeatEvents {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SYSMON = "Microsoft-Windows-Sysmon/Operational";

    /** Event kinds and their share in thousandths. */
    private enum Kind {
        PROCESS_CREATE(110), PROCESS_END(60), NETWORK(190), FILE_CREATE(100), REGISTRY_SET(120), REGISTRY_KEY(40),
        IMAGE_LOAD(110), DNS(100), SCRIPT_BLOCK(20), LOGON(60), LOGOFF(40), SPECIAL_LOGON(20), LOGON_FAILED(5),
        PROCESS_4688(19), SERVICE_STATE(5), SERVICE_INSTALL(1);

        final int share;

        Kind(int share) {
            this.share = share;
        }
    }

    private static final Kind[] BY_THOUSANDTH = new Kind[1000];

    static {
        int at = 0;
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < kind.share; i++) {
                BY_THOUSANDTH[at++] = kind;
            }
        }
        if (at != 1000) {
            throw new ExceptionInInitializerError("the shares add up to " + at + ", not 1000");
        }
    }

    /** Image, command line, parent image: what a Windows fleet starts all day. */
    private static final String[][] PROGRAMS = {
        {"C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule", "C:\\Windows\\System32\\services.exe"},
        {"C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\System32\\svchost.exe -k LocalServiceNetworkRestricted -p", "C:\\Windows\\System32\\services.exe"},
        {"C:\\Windows\\System32\\conhost.exe", "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1", "C:\\Windows\\System32\\cmd.exe"},
        {"C:\\Windows\\System32\\RuntimeBroker.exe", "C:\\Windows\\System32\\RuntimeBroker.exe -Embedding", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer --lang=en-US --field-trial-handle=%d", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"},
        {"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\" ", "C:\\Windows\\explorer.exe"},
        {"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE", "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE\" \"C:\\Users\\%u\\Documents\\report-%d.xlsx\"", "C:\\Windows\\explorer.exe"},
        {"C:\\Windows\\System32\\taskhostw.exe", "taskhostw.exe KEYROAMING", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Windows\\System32\\backgroundTaskHost.exe", "\"C:\\Windows\\system32\\backgroundTaskHost.exe\" -ServerName:App.AppXmtcan0h2tfbfy7k9kn8hbxb6dmzz1zh0.mca", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Windows\\System32\\wbem\\WmiPrvSE.exe", "C:\\Windows\\system32\\wbem\\wmiprvse.exe -secured -Embedding", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Windows\\System32\\SearchProtocolHost.exe", "\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe%d_ Global\\UsGthrCtrlFltPipeMssGthrPipe%d 1 -2147483646", "C:\\Windows\\System32\\SearchIndexer.exe"},
        {"C:\\Windows\\System32\\cmd.exe", "C:\\Windows\\system32\\cmd.exe /c \"C:\\Program Files\\Backup\\nightly.cmd\"", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "\"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\" -NoProfile -File C:\\ProgramData\\IT\\inventory.ps1", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Program Files\\Microsoft VS Code\\Code.exe", "\"C:\\Program Files\\Microsoft VS Code\\Code.exe\" --type=utility --utility-sub-type=node.mojom.NodeService", "C:\\Program Files\\Microsoft VS Code\\Code.exe"},
        {"C:\\Windows\\System32\\MpCmdRun.exe", "\"C:\\Program Files\\Windows Defender\\MpCmdRun.exe\" -SignaturesUpdate -ScheduleJob", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Windows\\System32\\wuauclt.exe", "\"C:\\Windows\\system32\\wuauclt.exe\" /UpdateDeploymentProvider UpdateDeploymentProvider.dll /ClassId %g /RunHandlerComServer", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Windows\\System32\\msiexec.exe", "C:\\Windows\\system32\\msiexec.exe /V", "C:\\Windows\\System32\\services.exe"},
        {"C:\\Windows\\System32\\gpupdate.exe", "gpupdate.exe /target:computer", "C:\\Windows\\System32\\svchost.exe"},
        {"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe", "\"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe\" /background", "C:\\Windows\\explorer.exe"},
        {"C:\\Windows\\System32\\dllhost.exe", "C:\\Windows\\system32\\DllHost.exe /Processid:{%g}", "C:\\Windows\\System32\\svchost.exe"},
    };
    private static final String[] DLLS = {"C:\\Windows\\System32\\ntdll.dll", "C:\\Windows\\System32\\kernel32.dll",
        "C:\\Windows\\System32\\KernelBase.dll", "C:\\Windows\\System32\\user32.dll", "C:\\Windows\\System32\\combase.dll",
        "C:\\Windows\\System32\\advapi32.dll", "C:\\Windows\\System32\\crypt32.dll", "C:\\Windows\\System32\\wininet.dll",
        "C:\\Windows\\System32\\bcrypt.dll", "C:\\Windows\\System32\\clbcatq.dll", "C:\\Windows\\System32\\winhttp.dll"};
    private static final String[] DOMAINS = {"www.google.com", "login.microsoftonline.com", "outlook.office365.com",
        "settings-win.data.microsoft.com", "ctldl.windowsupdate.com", "teams.microsoft.com", "github.com",
        "dc01.corp.example.com", "fileserver.corp.example.com", "wpad.corp.example.com", "cdn.jsdelivr.net",
        "update.googleapis.com", "api.slack.com", "v10.events.data.microsoft.com"};
    private static final String[] REGISTRY = {
        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\LastOnlineScanTimeForAppCategory",
        "HKLM\\System\\CurrentControlSet\\Services\\bam\\State\\UserSettings\\%s\\\\Device\\HarddiskVolume3\\Windows\\explorer.exe",
        "HKU\\%s\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs\\.xlsx\\MRUListEx",
        "HKLM\\SOFTWARE\\Microsoft\\Windows Defender\\Signature Updates\\SignaturesLastUpdated",
        "HKU\\%s\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\LastChangeVer",
        "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Notifications\\Data\\418A073AA3BC3475"};
    private static final String[] FILES = {"C:\\Users\\%u\\AppData\\Local\\Temp\\%g.tmp",
        "C:\\Users\\%u\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Cache\\Cache_Data\\f_%d",
        "C:\\Windows\\Prefetch\\SVCHOST.EXE-%d.pf", "C:\\Users\\%u\\Documents\\report-%d.xlsx",
        "C:\\ProgramData\\Microsoft\\Windows Defender\\Scans\\History\\Service\\DetectionHistory\\%g",
        "C:\\Windows\\SoftwareDistribution\\Download\\%g\\update.cab"};
    private static final String[] SCRIPTS = {"Get-ChildItem -Path C:\\ProgramData\\IT -Filter *.log | Remove-Item",
        "$os = Get-CimInstance Win32_OperatingSystem; $os.Caption + ' ' + $os.Version | Out-File C:\\ProgramData\\IT\\os.txt",
        "Import-Module ActiveDirectory; Get-ADUser -Filter 'Enabled -eq $true' -Properties LastLogonDate",
        "{ Set-StrictMode -Version 1; $_.PSMessageDetails }", "prompt"};
    private static final String[] FIRST = {"anna", "ben", "carla", "david", "eva", "felix", "greta", "hugo", "irene",
        "jonas", "karin", "lukas", "maria", "nils", "olga", "paul", "rosa", "sven", "tina", "uwe"};
    private static final String[] LAST = {"meyer", "schmidt", "garcia", "novak", "rossi", "jensen", "kowalski", "silva",
        "nguyen", "okafor", "larsen", "dubois", "weber", "fischer", "moreau", "costa", "ivanova", "becker", "lopez",
        "yamada", "hansen", "wagner", "santos", "keller", "brown"};

    private final Random random;
    private final int hosts;
    private long record;

    WinlogbeatEvents(long seed, int hosts) {
        this.random = new Random(seed);
        this.hosts = hosts;
    }

    /** The next ordinary event, at {@code at}. */
    ObjectNode next(Instant at) {
        int host = random.nextInt(hosts);
        String user = user(host);
        return switch (BY_THOUSANDTH[random.nextInt(1000)]) {
            case PROCESS_CREATE -> processCreate(at, host, user);
            case PROCESS_END -> sysmon(at, host, "5", "Process terminated", "process", pick(PROGRAMS)[0], user);
            case NETWORK -> network(at, host, user);
            case FILE_CREATE -> fileCreate(at, host, user);
            case REGISTRY_SET -> registry(at, host, user, "13", "SetValue", Integer.toString(random.nextInt(1 << 16)));
            case REGISTRY_KEY -> registry(at, host, user, "12", "CreateKey", null);
            case IMAGE_LOAD -> imageLoad(at, host, user);
            case DNS -> dns(at, host, user);
            case SCRIPT_BLOCK -> scriptBlock(at, host, user, pick(SCRIPTS));
            case LOGON -> logon(at, host, user, "4624", "logged-in", "success");
            case LOGOFF -> logon(at, host, user, "4634", "logged-out", "success");
            case SPECIAL_LOGON -> logon(at, host, user, "4672", "logged-in-special", "success");
            case LOGON_FAILED -> logon(at, host, user, "4625", "logon-failed", "failure");
            case PROCESS_4688 -> process4688(at, host, user, pick(PROGRAMS));
            case SERVICE_STATE -> serviceState(at, host);
            case SERVICE_INSTALL -> serviceInstall(at, host, "Google Update Service (gupdate)",
                    "\"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe\" /svc");
        };
    }

    /** The common part: agent, host, event and winlog headers, as Winlogbeat 8.19 writes them. */
    ObjectNode base(Instant at, int host, String channel, String provider, String code, String action) {
        ObjectNode event = JSON.createObjectNode().put("@timestamp", at.toString());
        String name = hostName(host);
        event.putObject("agent").put("type", "winlogbeat").put("version", "8.19.0").put("name", name)
                .put("id", new UUID(host, 42).toString());
        event.putObject("ecs").put("version", "8.0.0");
        event.putObject("host").put("name", name).put("hostname", name).putObject("os").put("family", "windows")
                .put("platform", "windows").put("name", host < hosts / 10 ? "Windows Server 2022 Datacenter" : "Windows 11 Enterprise")
                .put("kernel", "10.0.22631.4460 (WinBuild.160101.0800)");
        event.putObject("event").put("code", code).put("kind", "event").put("provider", provider).put("action", action)
                .put("created", at.plusMillis(800).toString())
                .put("module", channel.equals(SYSMON) ? "sysmon" : channel.startsWith("Microsoft-Windows-PowerShell") ? "powershell"
                        : channel.toLowerCase(Locale.ROOT));
        event.putObject("log").put("level", "information");
        ObjectNode winlog = event.putObject("winlog").put("channel", channel).put("event_id", code)
                .put("provider_name", provider).put("computer_name", name + ".corp.example.com").put("record_id", ++record)
                .put("api", "wineventlog");
        winlog.putObject("process").put("pid", 2000 + host % 900).putObject("thread").put("id", 3000 + random.nextInt(9000));
        return event;
    }

    private ObjectNode sysmon(Instant at, int host, String code, String action, String category, String image, String user) {
        ObjectNode event = base(at, host, SYSMON, "Microsoft-Windows-Sysmon", code, action);
        ((ObjectNode) event.get("event")).putArray("category").add(category);
        event.putObject("process").put("executable", image).put("name", image.substring(image.lastIndexOf('\\') + 1))
                .put("pid", 1000 + random.nextInt(30000)).put("entity_id", "{" + new UUID(random.nextLong(), host) + "}");
        event.putObject("user").put("name", user).put("domain", user.equals("SYSTEM") ? "NT AUTHORITY" : "CORP");
        ((ObjectNode) event.get("winlog")).putObject("event_data").put("RuleName", "-");
        event.put("message", action + ":\nRuleName: -\nUtcTime: " + at + "\nImage: " + image + "\nUser: " + user);
        return event;
    }

    /** A Sysmon process creation (event 1) of {@code program}: image, command line, parent. */
    ObjectNode processCreate(Instant at, int host, String user, String... program) {
        String[] chosen = program.length == 3 ? program : pick(PROGRAMS);
        ObjectNode event = sysmon(at, host, "1", "Process Create (rule: ProcessCreate)", "process", chosen[0], user);
        ((ObjectNode) event.get("event")).putArray("type").add("start");
        String commandLine = fill(chosen[1], user);
        ObjectNode process = ((ObjectNode) event.get("process")).put("command_line", commandLine)
                .put("working_directory", "C:\\Windows\\system32\\");
        process.putObject("parent").put("executable", chosen[2]).put("name", chosen[2].substring(chosen[2].lastIndexOf('\\') + 1))
                .put("command_line", chosen[2]).put("pid", 500 + random.nextInt(20000));
        process.putObject("pe").put("original_file_name", process.get("name").asText().toUpperCase(Locale.ROOT))
                .put("company", "Microsoft Corporation").put("product", "Microsoft® Windows® Operating System")
                .put("description", "Windows host process").put("file_version", "10.0.22621.1 (WinBuild.160101.0800)");
        process.putObject("hash").put("sha256", hex(64)).put("md5", hex(32));
        ((ObjectNode) event.get("winlog").get("event_data")).put("IntegrityLevel", user.equals("SYSTEM") ? "System" : "Medium")
                .put("LogonId", "0x" + Integer.toHexString(random.nextInt())).put("TerminalSessionId", "1");
        event.put("message", event.get("message").asText() + "\nCommandLine: " + commandLine);
        return event;
    }

    private ObjectNode network(Instant at, int host, String user) {
        String[] program = pick(PROGRAMS);
        ObjectNode event = sysmon(at, host, "3", "Network connection detected (rule: NetworkConnect)", "network", program[0], user);
        event.putObject("network").put("transport", "tcp").put("protocol", random.nextBoolean() ? "https" : "http")
                .put("direction", "egress");
        event.putObject("source").put("ip", "10.20." + (host / 250) + "." + (host % 250 + 1)).put("port", 49152 + random.nextInt(16000))
                .put("domain", hostName(host) + ".corp.example.com");
        int far = random.nextInt(10);
        event.putObject("destination").put("ip", far < 3 ? "10.10.0." + (1 + far) : "52.%d.%d.%d".formatted(96 + far, random.nextInt(256), random.nextInt(254) + 1))
                .put("port", far < 3 ? 445 : 443).put("domain", pick(DOMAINS));
        ((ObjectNode) event.get("winlog").get("event_data")).put("Initiated", "true").put("SourceIsIpv6", "false");
        return event;
    }

    private ObjectNode fileCreate(Instant at, int host, String user) {
        ObjectNode event = sysmon(at, host, "11", "File created (rule: FileCreate)", "file", pick(PROGRAMS)[0], user);
        String path = fill(pick(FILES), user);
        event.putObject("file").put("path", path).put("name", path.substring(path.lastIndexOf('\\') + 1))
                .put("directory", path.substring(0, path.lastIndexOf('\\')));
        return event;
    }

    private ObjectNode registry(Instant at, int host, String user, String code, String type, String details) {
        ObjectNode event = sysmon(at, host, code, "Registry value set (rule: RegistryEvent)", "registry", pick(PROGRAMS)[0], user);
        String path = pick(REGISTRY).formatted("S-1-5-21-1004336348-1177238915-682003330-" + (1000 + user.hashCode() % 5000 + 5000));
        ObjectNode registry = event.putObject("registry").put("path", path).put("hive", path.substring(0, path.indexOf('\\')))
                .put("key", path.substring(path.indexOf('\\') + 1, path.lastIndexOf('\\'))).put("value", path.substring(path.lastIndexOf('\\') + 1));
        ((ObjectNode) event.get("winlog").get("event_data")).put("EventType", type);
        if (details != null) {
            registry.putObject("data").put("type", "SZ_DWORD").putArray("strings").add(details);
        }
        return event;
    }

    private ObjectNode imageLoad(Instant at, int host, String user) {
        ObjectNode event = sysmon(at, host, "7", "Image loaded (rule: ImageLoad)", "library", pick(PROGRAMS)[0], user);
        String dll = pick(DLLS);
        event.putObject("file").put("path", dll).put("name", dll.substring(dll.lastIndexOf('\\') + 1))
                .putObject("code_signature").put("subject_name", "Microsoft Windows").put("signed", true).put("valid", true);
        event.putObject("dll").put("path", dll).put("name", dll.substring(dll.lastIndexOf('\\') + 1));
        ((ObjectNode) event.get("winlog").get("event_data")).put("Signed", "true").put("Signature", "Microsoft Windows")
                .put("SignatureStatus", "Valid");
        return event;
    }

    private ObjectNode dns(Instant at, int host, String user) {
        ObjectNode event = sysmon(at, host, "22", "Dns query (rule: DnsQuery)", "network", pick(PROGRAMS)[0], user);
        String name = pick(DOMAINS);
        event.putObject("dns").put("type", "query").putObject("question").put("name", name)
                .put("registered_domain", name.substring(name.indexOf('.') + 1));
        ((ObjectNode) event.get("winlog").get("event_data")).put("QueryStatus", "0");
        return event;
    }

    /** A PowerShell script block (4104) of {@code text}. */
    ObjectNode scriptBlock(Instant at, int host, String user, String text) {
        ObjectNode event = base(at, host, "Microsoft-Windows-PowerShell/Operational", "Microsoft-Windows-PowerShell", "4104",
                "Execute a Remote Command");
        event.putObject("powershell").put("sequence", 1).put("total", 1).putObject("file").put("script_block_id", new UUID(random.nextLong(), 7).toString())
                .put("script_block_text", text);
        event.putObject("user").put("id", "S-1-5-21-1004336348-1177238915-682003330-" + (1000 + Math.abs(user.hashCode() % 5000)));
        ((ObjectNode) event.get("winlog")).putObject("event_data").put("MessageNumber", "1").put("MessageTotal", "1")
                .put("ScriptBlockText", text);
        event.put("message", "Creating Scriptblock text (1 of 1):\n" + text);
        return event;
    }

    private ObjectNode logon(Instant at, int host, String user, String code, String action, String outcome) {
        ObjectNode event = base(at, host, "Security", "Microsoft-Windows-Security-Auditing", code, action);
        ((ObjectNode) event.get("event")).put("outcome", outcome).putArray("category").add("authentication");
        event.putObject("user").put("name", user).put("domain", "CORP");
        boolean remote = random.nextInt(4) == 0;
        ObjectNode data = ((ObjectNode) event.get("winlog")).putObject("event_data").put("TargetUserName", user)
                .put("TargetDomainName", "CORP").put("LogonType", remote ? "3" : "2").put("SubjectUserName", hostName(host).toUpperCase(Locale.ROOT) + "$")
                .put("AuthenticationPackageName", remote ? "Kerberos" : "Negotiate").put("LogonProcessName", remote ? "Kerberos" : "User32");
        ((ObjectNode) event.get("winlog")).putObject("logon").put("type", remote ? "Network" : "Interactive");
        if (code.equals("4625")) {
            data.put("Status", "0xc000006d").put("SubStatus", "0xc000006a");
        }
        if (!code.equals("4634") && !code.equals("4672")) {
            event.putObject("source").put("ip", "10.20." + random.nextInt(4) + "." + (random.nextInt(250) + 1)).put("port", 50000 + random.nextInt(15000));
        }
        event.put("message", "An account was " + action.replace('-', ' ') + ".\nAccount Name: " + user);
        return event;
    }

    /** A Security 4688 (a process was created) of {@code program}. */
    ObjectNode process4688(Instant at, int host, String user, String... program) {
        ObjectNode event = base(at, host, "Security", "Microsoft-Windows-Security-Auditing", "4688", "created-process");
        ((ObjectNode) event.get("event")).putArray("category").add("process");
        String commandLine = fill(program[1], user);
        event.putObject("process").put("executable", program[0]).put("name", program[0].substring(program[0].lastIndexOf('\\') + 1))
                .put("command_line", commandLine).put("pid", 1000 + random.nextInt(30000))
                .putObject("parent").put("executable", program[2]).put("name", program[2].substring(program[2].lastIndexOf('\\') + 1));
        event.putObject("user").put("name", user).put("domain", "CORP");
        ((ObjectNode) event.get("winlog")).putObject("event_data").put("NewProcessName", program[0]).put("CommandLine", commandLine)
                .put("ParentProcessName", program[2]).put("SubjectUserName", user).put("TokenElevationType", "%%1938")
                .put("MandatoryLabel", "S-1-16-8192");
        event.put("message", "A new process has been created.\nNew Process Name: " + program[0] + "\nProcess Command Line: " + commandLine);
        return event;
    }

    private ObjectNode serviceState(Instant at, int host) {
        ObjectNode event = base(at, host, "System", "Service Control Manager", "7036", "Service entered state");
        String service = random.nextBoolean() ? "Windows Update" : "Background Intelligent Transfer Service";
        ((ObjectNode) event.get("winlog")).putObject("event_data").put("param1", service).put("param2", random.nextBoolean() ? "running" : "stopped");
        event.put("message", "The " + service + " service entered the running state.");
        return event;
    }

    /** A System 7045 (a service was installed) of {@code service} running {@code imagePath}. */
    ObjectNode serviceInstall(Instant at, int host, String service, String imagePath) {
        ObjectNode event = base(at, host, "System", "Service Control Manager", "7045", "Service Installed");
        ((ObjectNode) event.get("winlog")).putObject("event_data").put("ServiceName", service).put("ImagePath", imagePath)
                .put("ServiceType", "user mode service").put("StartType", "auto start").put("AccountName", "LocalSystem");
        event.put("message", "A service was installed in the system.\nService Name: " + service + "\nService File Name: " + imagePath);
        return event;
    }

    /** Workstations first, then servers, the last few domain controllers. */
    String hostName(int host) {
        return host < hosts / 10 ? (host < 8 ? "dc%02d".formatted(host + 1) : "srv-%03d".formatted(host)) : "ws-%04d".formatted(host);
    }

    /** A host's interactive users are a few of the same; services run as SYSTEM. */
    private String user(int host) {
        int pick = random.nextInt(10);
        if (pick < 3) {
            return "SYSTEM";
        }
        int person = (host * 3 + pick % 3) % (FIRST.length * LAST.length);
        return FIRST[person % FIRST.length] + "." + LAST[person / FIRST.length % LAST.length];
    }

    private String fill(String template, String user) {
        return template.replace("%u", user).replace("%d", Integer.toString(random.nextInt(1_000_000)))
                .replace("%g", new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase(Locale.ROOT));
    }

    private String hex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    static List<String> kinds() {
        return Arrays.stream(Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT) + " " + k.share / 10.0 + " %").toList();
    }
}
