package org.heaviside.export;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;

/**
 * A table whose column names, levels and labels are what a hostile or just unusual plant export
 * holds: quotes, backslashes, C trigraphs, comment ends, newlines, spreadsheet formulas, Japanese
 * and a 10,000-character level; and a model trained on it.
 */
public final class HostileText {

    /** A numeric column's name. */
    public static final String NUMBER = "temp \"x\" \\ ??/ */ /* 温度 =1+2";
    /** A categorical column's name (with a newline). */
    public static final String CATEGORY = "kind\nline ??! @SUM(A1)";
    /** The target column's name. */
    public static final String TARGET = "故障 fault ??/ <script>alert(1)</script> &amp;\n+cmd|' /C calc'!A0";
    /** The categorical column's levels. */
    public static final List<String> LEVELS = List.of("bad??/", "OK??!", "q\"uote", "back\\slash", "*/ end /*",
            "new\nline", "日本語の水準", "x".repeat(10_000), "a,b", "=HYPERLINK(\"x\")", "-2+3", "tab\there");
    /** The two classes. */
    public static final List<String> LABELS = List.of("yes??!", "=no */");

    private HostileText() {
    }

    /** The table as CSV text, every field quoted, seeded. */
    public static String csv(int rows) {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder out = new StringBuilder(quote(NUMBER) + "," + quote(CATEGORY) + "," + quote(TARGET) + "\n");
        for (int i = 0; i < rows; i++) {
            double x = random.nextGaussian();
            int level = random.nextInt(LEVELS.size());
            boolean positive = x + (level % 3 == 0 ? 1.0 : -0.5) + 0.3 * random.nextGaussian() > 0;
            out.append(quote(Double.toString(x))).append(',').append(quote(LEVELS.get(level))).append(',')
                    .append(quote(LABELS.get(positive ? 0 : 1))).append('\n');
        }
        return out.toString();
    }

    /** The table loaded as the workbench loads any CSV. */
    public static Table table(int rows) {
        ByteSource source = ByteSource.of("hostile.csv", csv(rows).getBytes(StandardCharsets.UTF_8));
        return CsvLoader.load(source, ProgressListener.NONE, Cancellation.NEVER);
    }

    /** A two-layer model trained on the table (seeded). */
    public static TrainedModel model(Table table) {
        PreparedData data = Preprocessing.prepare(table, new DataSpec(TARGET, Preprocessing.ignoring(table, List.of()),
                null, LABELS.get(0), 0.25, 3L));
        return TrainedModel.of(data, new ConvexTrainer(ConvexOptions.builder().sampled(40).betaRatio(0.01)
                .certify(false).build()).train(data, ProgressListener.NONE, ConvergenceListener.NONE,
                Cancellation.NEVER), "squared", null);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
