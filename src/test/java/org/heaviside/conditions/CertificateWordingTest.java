package org.heaviside.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.heaviside.arrangement.PatternSources;
import org.heaviside.network.Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each certificate status reads the same, and true, on the Train page, in the report and on the Conditions page. */
class CertificateWordingTest {

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CertificateWordingTest.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest(name = "{0} on {1} patterns")
    @CsvSource({"exact, true", "heuristic, false", "none, false", "none, true", "per-output, true"})
    void everyStatusHasOneWordingInEveryPlaceAndLanguage(String status, boolean enumerated) throws IOException {
        Properties app = load("/org/heaviside/app/messages.properties");
        Properties appJa = load("/org/heaviside/app/messages_ja.properties");
        Properties report = load("/org/heaviside/report/report.properties");
        Properties reportJa = load("/org/heaviside/report/report_ja.properties");
        String meaning = Certificate.meaning(status);
        assertThat(app.getProperty("train.certificate." + status)).isEqualTo(status + ": " + meaning);
        assertThat(report.getProperty("certificate." + status)).isEqualTo(status + " (" + meaning + ")");
        assertThat(appJa.getProperty("train.certificate." + status)).isNotBlank();
        assertThat(reportJa.getProperty("certificate." + status)).isNotBlank();
        assertThat(new Certificate(status, 1.5, 3, 10, 4).describe()).startsWith(status + ": " + meaning);

        for (String id : List.of("two-layer", "deep")) {
            Condition condition = Conditions.lasso(id, 100, 5, 50, "1000", enumerated, 1e-9,
                    new Certificate(status, 1.5, 3, 10, 4)).get(1);
            boolean proven = status.equals("exact") || status.equals("heuristic");
            assertThat(condition.verdict()).isEqualTo(proven ? Condition.MET : Condition.NOT_MET);
            if (!(id.equals("two-layer") && status.equals("per-output"))) { // per-output: deep only
                // the page finds a wording and a meaning for this status in both languages
                for (Properties messages : List.of(app, appJa)) {
                    assertThat(messages.getProperty("cond." + condition.key())).as(condition.key()).isNotBlank();
                    assertThat(messages.getProperty("cond." + condition.key() + ".meaning")).as(condition.key())
                            .isNotBlank();
                }
            }
            if (status.equals("none")) {
                assertThat(condition.detail()).contains("largest violation ratio 1.500000")
                        .contains("4 violating patterns left");
                assertThat(app.getProperty("cond." + condition.key())).contains("{4}").contains("{5}");
            }
        }
    }

    @Test
    void aHugePatternBoundIsShownAsAPowerOfTenInTheDetailAndInTheTranslatedArguments() {
        String bound = PatternSources.upperBound(1347, 65).toString();
        Condition condition = Conditions.lasso("two-layer", 1347, 110, 1501, bound, false, 1e-9,
                new Certificate(Certificate.NONE, 1.1, 20, 500, 25)).get(1);
        assertThat(condition.detail()).contains("(bound 6.6 x 10^110)").doesNotContain(bound);
        assertThat(condition.args()).contains("6.6 x 10^110").doesNotContain(bound);
    }
}
