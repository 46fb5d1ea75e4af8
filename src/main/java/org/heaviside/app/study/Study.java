package org.heaviside.app.study;

import java.util.List;
import java.util.Map;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.CsvSettings;
import org.heaviside.experiment.ExperimentResult;

/**
 * A study as saved in a project file: where the data is and how it was read and split, the Train
 * and Compare settings, and their results.
 *
 * @param data       the data reference and settings
 * @param train      the Train page's settings
 * @param outcome    the last training outcome, or null
 * @param compare    the Compare page's settings
 * @param comparison the last comparison, or null
 */
public record Study(DataPart data, TrainPart train, TrainOutcome outcome, ComparePart compare,
                   ExperimentResult comparison) {

    /**
     * The data reference.
     *
     * @param file         the CSV file's absolute path, or null for a bundled source
     * @param source       the source name ("ai4i2020.csv" for the bundled sample, or
     *                     "paper-synthetic-seedN.csv")
     * @param csv          the import settings
     * @param target       the target column
     * @param roles        role overrides by column
     * @param positive     the +1 class, or null
     * @param testFraction share held out
     * @param seed         split seed
     */
    public record DataPart(String file, String source, CsvSettings csv, String target, Map<String, ColumnRole> roles,
                           String positive, double testFraction, int seed) {
    }

    /**
     * The Train page's settings.
     *
     * @param preset      the preset (recommended or paper); null in studies saved before presets, read as paper
     * @param classWeight the row weights per class ({@code balanced}, {@code none} or {@code LABEL=W,...}); null in
     *                    studies saved before the control, read as the preset's
     */
    public record TrainPart(String method, String loss, double betaRatio, int patterns, boolean anchored,
                            boolean certify, int seed, double tolerance, String preset, String classWeight) {

        /** Settings with the preset's class weights. */
        public TrainPart(String method, String loss, double betaRatio, int patterns, boolean anchored,
                         boolean certify, int seed, double tolerance, String preset) {
            this(method, loss, betaRatio, patterns, anchored, certify, seed, tolerance, preset, null);
        }

        /** Settings with the paper preset. */
        public TrainPart(String method, String loss, double betaRatio, int patterns, boolean anchored,
                         boolean certify, int seed, double tolerance) {
            this(method, loss, betaRatio, patterns, anchored, certify, seed, tolerance, null);
        }
    }

    /** The Compare page's settings. */
    public record ComparePart(List<String> baselines, int seeds, int epochs, int width, int layers) {
    }
}
