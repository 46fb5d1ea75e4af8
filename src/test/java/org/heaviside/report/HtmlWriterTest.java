package org.heaviside.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The HTML writer escapes every piece of text: column and file names come from the user's data. */
class HtmlWriterTest {

    @Test
    void hostileNamesAreEscapedEverywhere() {
        String hostile = "<img src=x onerror=\"alert('x')\">&";
        ReportContent content = new ReportContent(Locale.ENGLISH, hostile, List.of(
                new ReportContent.Heading(hostile, 1),
                new ReportContent.Paragraph(hostile),
                new ReportContent.KeyFigures(hostile, List.of(new ReportContent.Figure(hostile, hostile, hostile)),
                        hostile, false, hostile),
                new ReportContent.Table(List.of(hostile), List.of(List.of(hostile)), new double[] {1},
                        new boolean[] {false})));
        String html = HtmlWriter.write(content);
        assertThat(html).doesNotContain("<img").doesNotContain("alert('x')")
                .contains("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;");
    }
}
