package org.heaviside.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.CsvSettings;
import org.heaviside.data.CsvSniffer;
import org.heaviside.data.DataException;
import org.heaviside.data.DataWarning;

/**
 * A data file read by Spark, its rows never gathered: a CSV file split at line breaks into
 * partitions (each line's fields parsed as the workbench's loader parses them, with the settings
 * detected on the driver from the file's first bytes), or a Parquet file or folder through Spark's
 * own reader. Each row keeps its cells as text, read later with {@link org.heaviside.data.Cells} so
 * values are those of the local loader, its file line (0 for Parquet, which has none) and a key that
 * grows with its position in the file.
 *
 * @param name     the file name, for messages
 * @param columns  the column names in file order
 * @param settings the CSV settings, or null for Parquet
 * @param rows     the data rows
 * @param sha256   SHA-256 of the file's bytes (of a folder's files in name order)
 * @param warnings repairs made reading the header
 */
public record SparkData(String name, List<String> columns, CsvSettings settings, JavaRDD<Row> rows, String sha256,
                        List<DataWarning> warnings) {

    /** One data row: its file line (0 when unknown), its order key and its cells (null for a null value). */
    public record Row(long line, long order, String[] cells) implements Serializable {
    }

    /** Whether a path names a Parquet file or folder (by its extension). */
    public static boolean isParquet(String path) {
        return path.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet");
    }

    /** A file readable through Hadoop's file systems (the driver reads its head to detect the settings). */
    public static ByteSource source(JavaSparkContext context, String path) {
        Configuration conf = context.hadoopConfiguration();
        Path file = new Path(path);
        return new ByteSource() {
            @Override public String name() {
                return file.getName();
            }

            @Override public long size() {
                try {
                    return file.getFileSystem(conf).getFileStatus(file).getLen();
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override public InputStream open() throws IOException {
                return file.getFileSystem(conf).open(file);
            }
        };
    }

    /**
     * A CSV file with its settings. The file is split at line breaks, so a quoted field may not hold a
     * line break (the local loader reads those) and the encoding must keep line breaks as single
     * bytes (UTF-8, windows-31j, ISO-8859-1; not UTF-16).
     *
     * @param adjust     the settings detected from the file's first bytes on the driver to the ones to use
     * @param partitions the least number of partitions (Hadoop splits the file at least this often)
     */
    public static SparkData csv(JavaSparkContext context, String path, UnaryOperator<CsvSettings> adjust,
                                int partitions) {
        ByteSource source = source(context, path);
        String name = source.name();
        if (!exists(context, path)) {
            throw DataException.of(path, "no such file", "a path to an existing CSV file");
        }
        CsvSettings settings = adjust.apply(CsvLoader.detect(source));
        if (settings.encoding().startsWith("UTF-16")) {
            throw DataException.of(name, "text in " + settings.encoding(), "an encoding that keeps line breaks as "
                    + "single bytes (UTF-8, windows-31j, ISO-8859-1) for --engine spark, which splits the file at "
                    + "line breaks (save the file as UTF-8, or use the local engine)");
        }
        List<DataWarning> warnings = new ArrayList<>();
        long[] headerLine = new long[1];
        String[] names = header(source, settings, headerLine, warnings);
        String encoding = settings.encoding();
        boolean bom = encoding.equals("UTF-8");
        long skipThrough = settings.header() ? headerLine[0] : headerLine[0] - 1;
        JavaRDD<Row> rows = context.hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class, partitions)
                .map(pair -> new String(pair._2().getBytes(), 0, pair._2().getLength(), Charset.forName(encoding)))
                .zipWithIndex()
                .mapPartitions(lines -> {
                    List<Row> out = new ArrayList<>();
                    CSVFormat format = format(settings);
                    while (lines.hasNext()) {
                        scala.Tuple2<String, Long> next = lines.next();
                        long line = next._2() + 1;
                        String text = next._1();
                        if (line == 1 && bom && text.startsWith("\uFEFF")) {
                            text = text.substring(1);
                        }
                        if (line <= skipThrough || text.isEmpty()) {
                            continue; // the header, or a blank line
                        }
                        String[] fields = fields(name, text, line, format, settings);
                        CsvLoader.checkFields(name, line, fields, names, settings);
                        out.add(new Row(line, line, fields));
                    }
                    return out.iterator();
                });
        return new SparkData(name, List.of(names), settings, rows, sha256(context, path), warnings);
    }

    /** A Parquet file or folder; every value becomes its text ({@code toString}), null stays missing. */
    public static SparkData parquet(JavaSparkContext context, String path) {
        if (!exists(context, path)) {
            throw DataException.of(path, "no such file", "a path to an existing Parquet file or folder");
        }
        SparkSession session = SparkSession.builder().sparkContext(context.sc()).getOrCreate();
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> frame = session.read().parquet(path);
        String[] names = frame.columns();
        int width = names.length;
        JavaRDD<Row> rows = frame.javaRDD().mapPartitionsWithIndex((part, it) -> {
            List<Row> out = new ArrayList<>();
            long index = 0;
            while (it.hasNext()) {
                org.apache.spark.sql.Row row = it.next();
                String[] cells = new String[width];
                for (int c = 0; c < width; c++) {
                    Object value = row.get(c);
                    cells[c] = value == null ? null : value instanceof java.math.BigDecimal decimal
                            ? decimal.toPlainString() : value.toString();
                }
                out.add(new Row(0, ((long) part << 40) | index++, cells));
            }
            return out.iterator();
        }, true);
        return new SparkData(new Path(path).getName(), List.of(names), null, rows, sha256(context, path), List.of());
    }

    /** Runs a Spark action, turning a task's {@link DataException} back into the exception itself. */
    public static <T> T unwrap(Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) {
            // Spark's SparkException is checked in Java's eyes but thrown all the same
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof DataException data) {
                    throw data;
                }
            }
            throw e;
        }
    }

    private static boolean exists(JavaSparkContext context, String path) {
        try {
            Path file = new Path(path);
            return file.getFileSystem(context.hadoopConfiguration()).exists(file);
        } catch (IOException e) {
            return false;
        }
    }

    private static CSVFormat format(CsvSettings settings) {
        return CSVFormat.DEFAULT.builder().setDelimiter(settings.delimiter()).setIgnoreEmptyLines(false).get();
    }

    /** The fields of one line, parsed as the loader parses a record. */
    private static String[] fields(String name, String text, long line, CSVFormat format, CsvSettings settings) {
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            CSVRecord record = records.next();
            if (records.hasNext()) {
                throw DataException.at(name, line, null, "a carriage return inside the line",
                        "one record per line for --engine spark");
            }
            return record.values();
        } catch (UncheckedIOException | IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("EOF reached before encapsulated token finished")) {
                throw DataException.at(name, line, null, "a quoted field that is not closed on its line",
                        "one record per line for --engine spark, which splits the file at line breaks (the local "
                                + "engine reads line breaks inside quotes)");
            }
            throw CsvLoader.malformed(name, line, settings, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The column names, from the first record that is not blank (its line in {@code line[0]}). */
    private static String[] header(ByteSource source, CsvSettings settings, long[] line, List<DataWarning> warnings) {
        byte[] head;
        try (InputStream in = source.open()) {
            head = in.readNBytes(CsvSniffer.SAMPLE_BYTES);
        } catch (IOException e) {
            throw DataException.of(source.name(), "a file that cannot be read (" + e.getMessage() + ")",
                    "a readable CSV file");
        }
        String text = new String(head, settings.charset());
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        CSVFormat format = format(settings);
        for (int i = 0; i < lines.length - (head.length == CsvSniffer.SAMPLE_BYTES ? 1 : 0); i++) {
            String current = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (current.isEmpty()) {
                continue;
            }
            line[0] = i + 1;
            String[] fields = fields(source.name(), current, i + 1, format, settings);
            CsvLoader.checkFields(source.name(), i + 1, fields, null, settings);
            return settings.header() ? CsvLoader.headerNames(source.name(), fields, i + 1, warnings)
                    : CsvLoader.numberedNames(fields.length);
        }
        throw DataException.of(source.name(), "an empty file", "a header line and at least one data row");
    }

    /** SHA-256 of a file's bytes, or of a folder's files (not hidden, not Spark's markers) in name order. */
    private static String sha256(JavaSparkContext context, String path) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
        try {
            Path root = new Path(path);
            FileSystem fs = root.getFileSystem(context.hadoopConfiguration());
            List<Path> files = new ArrayList<>();
            if (fs.getFileStatus(root).isDirectory()) {
                FileStatus[] listed = fs.listStatus(root);
                Arrays.sort(listed);
                for (FileStatus status : listed) {
                    String file = status.getPath().getName();
                    if (status.isFile() && !file.startsWith(".") && !file.startsWith("_")) {
                        files.add(status.getPath());
                    }
                }
            } else {
                files.add(root);
            }
            for (Path file : files) {
                try (DigestInputStream in = new DigestInputStream(fs.open(file), digest)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
        } catch (IOException e) {
            throw DataException.of(path, "a file that cannot be read (" + e.getMessage() + ")", "a readable file");
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
