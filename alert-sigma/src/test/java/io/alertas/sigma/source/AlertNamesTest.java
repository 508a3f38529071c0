package io.alertas.sigma.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertNamesTest {

    @Test
    void aFilesNameThenItsDocumentsNumberThenTheIdsStartWhenTakenThenACountWithoutRegardToCase() {
        AlertNames names = new AlertNames();

        assertEquals(List.of("sigma.proc_creation_win_whoami", "sigma.proc_creation_win_whoami.2",
                        "sigma.proc_creation_win_whoami.0f0ad0a1", "sigma.proc_creation_win_whoami.0f0ad0a1.2",
                        "sigma.other.3", "sigma.Sp_ce__a_", "sigma.PROC_CREATION_WIN_WHOAMI.3"),
                List.of(names.name("proc_creation_win_whoami.yml", 1, "0f0ad0a1-1111"),
                        names.name("proc_creation_win_whoami.yml", 2, ""),
                        names.name("proc_creation_win_whoami.yaml", 1, "0f0ad0a1-1111"),
                        names.name("proc_creation_win_whoami.yml", 1, "0f0ad0a1-2222"),
                        names.name("other.YML", 3, ""),
                        names.name("Sp ce/ça\u202E.yml", 1, ""),
                        names.name("PROC_CREATION_WIN_WHOAMI.yml", 1, "")));
    }
}
