package io.alertas.core.internal.config;

import io.alertas.core.internal.state.StateSetting;

/** Reads the "state" section of credentials.json: {"store": "file"} (the default) or {"store": "elasticsearch", "index": "..."}. */
final class StateSection {

    private StateSection() {
    }

    static StateSetting read(SettingReader state) {
        String store = state.object().path("store").asText("file");
        if (store.equals("file")) {
            return new StateSetting.Folder();
        }
        if (!store.equals("elasticsearch")) {
            state.problem("store", "\"store\" must be \"file\" or \"elasticsearch\"");
            return new StateSetting.Folder();
        }
        String index = state.object().path("index").asText("alertas-state");
        if (!index.matches("[a-z0-9][a-z0-9._-]*")) {
            state.problem("index", "\"index\" must be an index name: lower-case letters, digits, '.', '_' or '-'");
        }
        return new StateSetting.Index(index);
    }
}
