package org.heaviside.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.junit.jupiter.api.Test;

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

    /**
     * Ten thousand seeded inputs of every kind a plant engineer can hand the importer, with detected or
     * user-chosen settings: random bytes, mutated CSV (also as UTF-16 with a byte order mark), wide
     * files, long and unclosed fields, token soup, and files over 1 MiB (the sniffer's partial sample).
     * Prints how many were tried, the time and the crashes (any throwable but the loader's own error).
     */
    @Test
    void tenThousandHostileInputsWithDetectedOrChosenSettingsGiveATableOrAClearError() {
        SplittableRandom random = new SplittableRandom(20261129);
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        int tried = 0;
        int tables = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] bytes = switch (i % 6) {
                case 0 -> randomBytes(random, 1 + random.nextInt(400));
                case 1 -> mutate(random, valid);
                case 2 -> utf16(random, new String(mutate(random, valid), StandardCharsets.ISO_8859_1));
                case 3 -> wide(random, 2 + random.nextInt(i % 500 == 3 ? 25_000 : 300));
                case 4 -> longField(random, 1 + random.nextInt(i % 700 == 4 ? 1_200_000 : 4_000));
                default -> tokens(random, 1 + random.nextInt(200));
            };
            if (i % 2000 == 5) {
                bytes = large(random); // over the sniffer's 1 MiB sample
            }
            CsvSettings chosen = random.nextInt(3) == 0 ? null : new CsvSettings(",;\t|".charAt(random.nextInt(4)),
                    ENCODINGS[random.nextInt(ENCODINGS.length)], random.nextBoolean(), random.nextBoolean());
            if (tableOrDataError(bytes, chosen)) {
                tables++;
            }
            tried++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "CSV fuzz: %,d inputs tried (%,d tables, %,d clear errors) in %.1f s, 0 crashes%n",
                tried, tables, tried - tables, seconds);
        assertThat(tried).isGreaterThanOrEqualTo(10_000);
    }

    private static final int INPUTS = 10_000;
    private static final String[] ENCODINGS = {"UTF-8", "windows-31j", "ISO-8859-1", "UTF-16LE", "UTF-16BE"};
    private static final String[] TOKENS = {",", ";", "\t", "|", "\"", "\"\"", "\n", "\r\n", "\r", "1", "-2.5", "1,5",
        "NA", "-", "?", "x", "=1+2", "日本語", "\u0000", "\uFEFF", "\uFFFD", " ", "1e308", "1e999", "ｘ"};

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mutate(SplittableRandom random, byte[] valid) {
        byte[] copy = valid.clone();
        byte[] values = {',', '"', '\n', '\r', ';', '\t', 'x', (byte) 0x82, (byte) 0xE3, 0, '1'};
        for (int k = 1 + random.nextInt(6); k > 0; k--) {
            copy[random.nextInt(copy.length)] = values[random.nextInt(values.length)];
        }
        return copy;
    }

    private static byte[] utf16(SplittableRandom random, String text) {
        boolean little = random.nextBoolean();
        byte[] body = text.getBytes(little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) (little ? 0xFF : 0xFE);
        bytes[1] = (byte) (little ? 0xFE : 0xFF);
        System.arraycopy(body, 0, bytes, 2, body.length);
        if (random.nextBoolean()) {
            return java.util.Arrays.copyOf(bytes, bytes.length - 1 - random.nextInt(3)); // cut inside a character
        }
        return bytes;
    }

    private static byte[] wide(SplittableRandom random, int columns) {
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < columns; c++) {
                out.append(c == 0 ? "" : ",").append(row == 0 ? "c" + c : Integer.toString(random.nextInt(10)));
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longField(SplittableRandom random, int length) {
        boolean closed = random.nextBoolean();
        return ("a,b\n1,\"" + "x\"\"\n,".repeat(length / 5 + 1) + (closed ? "\"\n2,3\n" : "\n2,3\n"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] tokens(SplittableRandom random, int count) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < count; k++) {
            out.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return out.toString().getBytes(random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.UTF_16LE);
    }

    private static byte[] large(SplittableRandom random) {
        StringBuilder out = new StringBuilder("id;Temperatur;Typ;Ausfall\n");
        for (int row = 0; out.length() < (1 << 20) + 200_000; row++) {
            out.append(row).append(';').append(random.nextInt(1000)).append(',').append(random.nextInt(10)).append(';')
                    .append("ABC".charAt(random.nextInt(3))).append(';').append(random.nextInt(2)).append('\n');
        }
        if (random.nextBoolean()) {
            out.append("\"unclosed;1;2\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** True for a table, false for the loader's clear error; anything else fails the test (a crash). */
    private static boolean tableOrDataError(byte[] bytes, CsvSettings settings) {
        try {
            ByteSource source = ByteSource.of("fuzz.csv", bytes);
            Table table = settings == null ? CsvLoader.load(source, ProgressListener.NONE, Cancellation.NEVER)
                    : CsvLoader.load(source, settings, ProgressListener.NONE, Cancellation.NEVER);
            assertThat(table.rows()).isPositive();
            List<String> names = table.columnNames();
            for (String name : names.subList(0, Math.min(2, names.size()))) {
                try {
                    TargetSummary.of(table, name, null);
                    Preprocessing.prepare(table, DataSpec.of(name));
                } catch (DataException e) {
                    assertThat(e.getMessage()).startsWith("fuzz.csv").contains("found").contains("expected");
                }
            }
            return true;
        } catch (DataException e) {
            assertThat(e.getMessage()).startsWith("fuzz.csv").contains("found").contains("expected");
            return false;
        }
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
