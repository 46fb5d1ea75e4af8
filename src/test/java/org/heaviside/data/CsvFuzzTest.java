package org.heaviside.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever bytes arrive, the importer gives a table or a {@link DataException}, nothing else. */
class CsvFuzzTest {

    private static final String VALID = "UDI,Type,Torque [Nm],note,Machine failure\r\n"
            + "1,L,42.8,\"a, b\",0\r\n2,M,46.3,\"two\nlines\",1\r\n3,H,NA,plain,0\r\n4,L,39.5,,1\r\n";

    @Property(tries = 300, seed = "20261127")
    void randomBytesGiveATableOrAClearError(@ForAll @Size(max = 400) byte[] bytes) {
        assertTableOrDataError(bytes);
    }

    @Property(tries = 500, seed = "20261128")
    void mutatedCsvGivesATableOrAClearError(@ForAll("mutations") byte[] bytes) {
        assertTableOrDataError(bytes);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, valid.length - 1);
        Arbitrary<Byte> values = Arbitraries.of((byte) ',', (byte) '"', (byte) '\n', (byte) '\r', (byte) ';',
                (byte) '\t', (byte) 'x', (byte) 0x82, (byte) 0xE3, (byte) 0, (byte) '1');
        return Arbitraries.integers().between(1, 6).flatMap(count -> positions.list().ofSize(count).flatMap(
                at -> values.list().ofSize(count).map(bytes -> {
                    byte[] copy = valid.clone();
                    for (int i = 0; i < count; i++) {
                        copy[at.get(i)] = bytes.get(i);
                    }
                    return copy;
                })));
    }

    private static void assertTableOrDataError(byte[] bytes) {
        try {
            Table table = TestTables.load("fuzz.csv", bytes);
            assertThat(table.rows()).isPositive();
            for (String name : table.columnNames()) {
                try {
                    TargetSummary.of(table, name, null);
                    Preprocessing.prepare(table, DataSpec.of(name));
                } catch (DataException e) {
                    assertThat(e.getMessage()).startsWith("fuzz.csv").contains("found").contains("expected");
                }
            }
        } catch (DataException e) {
            assertThat(e.getMessage()).startsWith("fuzz.csv").contains("found").contains("expected");
        }
    }
}
