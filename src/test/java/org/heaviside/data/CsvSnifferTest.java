package org.heaviside.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvSnifferTest {

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t", "|"})
    void detectsEachDelimiter(String delimiter) {
        String text = String.join(delimiter, "a", "b", "c") + "\n"
                + String.join(delimiter, "1", "2", "3") + "\n"
                + String.join(delimiter, "4", "5", "6") + "\n";
        assertThat(TestTables.detect(text, StandardCharsets.UTF_8).delimiter()).isEqualTo(delimiter.charAt(0));
    }

    @Test
    void delimiterInsideQuotesDoesNotCount() {
        String text = "name;note\n\"a,b,c\";1\n\"d,e,f\";2\n";
        assertThat(TestTables.detect(text, StandardCharsets.UTF_8).delimiter()).isEqualTo(';');
    }

    @Test
    void plainAsciiIsUtf8() {
        assertThat(TestTables.detect("a,b\n1,2\n", StandardCharsets.UTF_8).encoding()).isEqualTo("UTF-8");
    }

    @Test
    void byteOrderMarkMeansUtf8AndIsSkipped() {
        byte[] body = "温度,y\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Table table = TestTables.load("bom.csv", bytes);
        assertThat(table.settings().encoding()).isEqualTo("UTF-8");
        assertThat(table.columnNames()).containsExactly("温度", "y");
    }

    @Test
    void shiftJisIsWindows31j() {
        Charset sjis = Charset.forName("windows-31j");
        CsvSettings settings = TestTables.detect("温度,圧力,故障\n1,2,0\n3,4,1\n", sjis);
        assertThat(settings.encoding()).isEqualTo("windows-31j");
        Table table = TestTables.load("sjis.csv", "温度,圧力,故障\n1,2,0\n3,4,1\n".getBytes(sjis));
        assertThat(table.columnNames()).containsExactly("温度", "圧力", "故障");
    }

    @Test
    void latin1FallsBackToIso88591() {
        byte[] bytes = "caf\u00e9,na\u00efve\n1,2\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(CsvSniffer.detect(bytes, true, "l.csv").encoding()).isEqualTo("ISO-8859-1");
        assertThat(TestTables.load("l.csv", bytes).columnNames()).containsExactly("caf\u00e9", "na\u00efve");
    }

    @Test
    void decimalCommaWithSemicolon() {
        CsvSettings settings = TestTables.detect("a;b\n1,5;2\n3,25;4\n", StandardCharsets.UTF_8);
        assertThat(settings.delimiter()).isEqualTo(';');
        assertThat(settings.decimalComma()).isTrue();
        Table table = TestTables.load("dc.csv", "a;b\n1,5;2\n3,25;4\n");
        assertThat(table.require("a").number(1)).isEqualTo(3.25);
    }

    @Test
    void noDecimalCommaWithCommaDelimiter() {
        assertThat(TestTables.detect("a,b\n1.5,2\n", StandardCharsets.UTF_8).decimalComma()).isFalse();
    }

    @Test
    void headerDetectedUnlessFirstRowIsNumbers() {
        assertThat(TestTables.detect("a,b\n1,2\n", StandardCharsets.UTF_8).header()).isTrue();
        assertThat(TestTables.detect("1,2\n3,4\n", StandardCharsets.UTF_8).header()).isFalse();
        Table table = TestTables.load("nh.csv", "1,2\n3,4\n");
        assertThat(table.columnNames()).containsExactly("column 1", "column 2");
        assertThat(table.rows()).isEqualTo(2);
    }

    @Test
    void quotedFieldsKeepDelimitersAndNewlines() {
        Table table = TestTables.load("q.csv", "id,note,x\n1,\"a, b\",1\n2,\"two\nlines\",2\n3,plain,3\n");
        assertThat(table.rows()).isEqualTo(3);
        assertThat(table.preview().get(0)[1]).isEqualTo("a, b");
        assertThat(table.preview().get(1)[1]).isEqualTo("two\nlines");
        // the record after the embedded newline starts on file line 5
        assertThat(table.line(2)).isEqualTo(5);
    }

    @Test
    void crlfAndLfGiveTheSameTable() {
        Table lf = TestTables.load("lf.csv", "a,b\n1,x\n2,y\n");
        Table crlf = TestTables.load("crlf.csv", "a,b\r\n1,x\r\n2,y\r\n");
        assertThat(crlf.columnNames()).isEqualTo(lf.columnNames());
        assertThat(crlf.require("b").text(1)).isEqualTo("y");
        assertThat(crlf.require("a").number(1)).isEqualTo(2.0);
    }
}
