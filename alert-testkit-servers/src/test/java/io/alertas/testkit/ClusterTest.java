package io.alertas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusterTest {

    @Test
    void openSearchRunsWithSecurityOnlyWhenNamedSoAndElasticsearchAlways() {
        Cluster secured = Cluster.parse("opensearch-2.19.3+security");
        Cluster plain = Cluster.parse("opensearch-2.19.3");

        assertTrue(secured.secured());
        assertFalse(plain.secured());
        assertTrue(Cluster.parse("elasticsearch-8.19.21").secured());
        assertEquals("opensearch-2.19.3+security", secured.toString());
        assertEquals("opensearch-2.19.3", plain.toString());
        assertEquals("OpenSearch 2.19.3", secured.displayName());
        assertEquals(secured, Cluster.parse(secured.toString()));
        assertTrue(secured.securityPlugin().endsWith("org/opensearch/plugin/opensearch-security/2.19.3.0/opensearch-security-2.19.3.0.zip"),
                secured.securityPlugin().toString());
    }

    @Test
    void aNameThatIsNotAClusterIsRefusedNamingTheTestedOnes() {
        for (String name : new String[] {"opensearch-2.19.3+securityx", "opensearch-2.19.3 +security", "opensearch-2.19+security"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cluster.parse(name));
            assertTrue(e.getMessage().endsWith("tested: [elasticsearch-7.17.29, elasticsearch-8.19.21, elasticsearch-9.2.0,"
                    + " opensearch-2.19.3+security, opensearch-3.3.0]"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new Cluster(Cluster.Flavour.ELASTICSEARCH, "8.19.21", false));
    }
}
