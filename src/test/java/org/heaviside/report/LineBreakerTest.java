package org.heaviside.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Line breaking: English only at spaces, numbers stay with their units, Japanese between characters. */
class LineBreakerTest {

    /** One unit of width per character (a monospaced measure). */
    private static final ToDoubleFunction<String> MONO = String::length;
    private static final String ENGLISH = "On 2,500 held-out rows (the test rows of the model's own split of ai4i2020.csv: "
            + "25% held out with seed 1) the model caught 47 failures, missed 21, raised 3 false alarms and saved "
            + "1,234,567\u00a0EUR in 0.25\u00a0s on average.";

    @Property(tries = 60)
    void englishBreaksOnlyAtSpaces(@ForAll @IntRange(min = 14, max = 90) int width) {
        List<String> lines = LineBreaker.lines(ENGLISH, width, MONO);
        assertThat(String.join(" ", lines)).isEqualTo(ENGLISH);
        List<String> words = Arrays.asList(ENGLISH.split(" "));
        for (String line : lines) {
            assertThat(line.length()).isLessThanOrEqualTo(width);
            assertThat(words).containsAll(Arrays.asList(line.split(" ")));
        }
    }

    @Test
    void aNumberStaysWithItsUnit() {
        for (int width = 14; width < 60; width++) {
            for (String line : LineBreaker.lines(ENGLISH, width, MONO)) {
                assertThat(line).doesNotStartWith("EUR").doesNotStartWith("s ");
            }
        }
    }

    @Test
    void aWordWiderThanTheLineIsTheOnlyOneCut() {
        List<String> lines = LineBreaker.lines("a 0123456789abcdef b", 8, MONO);
        assertThat(lines).containsExactly("a", "01234567", "89abcdef", "b");
    }

    @Test
    void japaneseBreaksBetweenCharactersButNotBeforeClosingPunctuation() {
        String text = "凸計画 (convex) は 5 個すべてのシードで最小の学習目的関数値 J に達しました。より良いネットワークはありません。";
        for (int width = "(convex)".length(); width < 40; width++) {
            List<String> lines = LineBreaker.lines(text, width, MONO);
            assertThat(String.join("", lines).replace(" ", "")).isEqualTo(text.replace(" ", ""));
            for (String line : lines) {
                assertThat(line).doesNotStartWith("。").doesNotStartWith("、");
                assertThat(line.length()).isLessThanOrEqualTo(width);
            }
            // the Latin word inside stays whole
            assertThat(String.join("\n", lines)).contains("convex");
        }
        assertThat(LineBreaker.lines("学習目的関数値", 3, MONO)).containsExactly("学習目", "的関数", "値");
    }
}
