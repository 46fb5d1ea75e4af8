package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.heaviside.app.shell.MainWindow;
import org.heaviside.data.Table;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the workbench headless (Monocle) on the bundled sample, as a new user would see it. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class WorkbenchTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Gui.open(stage);
    }

    private Table awaitTable(java.util.function.Predicate<Table> ready) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Gui.onFx(() -> {
            Table table = window.data().tableProperty().get();
            return table != null && ready.test(table) && !window.data().loader().isRunning();
        }));
        WaitForAsyncUtils.waitForFxEvents();
        return window.data().tableProperty().get();
    }


    @Test
    void opensOnTheAi4iSampleWithRowCountAndClassBalance(FxRobot robot) throws Exception {
        Table table = awaitTable(t -> t.source().equals("ai4i2020.csv"));
        assertThat(table.rows()).isEqualTo(10_000);
        assertThat(robot.lookup("#status").queryAs(Label.class).getText())
                .isEqualTo("ai4i2020.csv - 10,000 rows x 14 columns");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#class-balance-chart").tryQuery().isPresent());
        ChartViewer chart = robot.lookup("#class-balance-chart").queryAs(ChartViewer.class);
        CategoryDataset balance = chart.getChart().getCategoryPlot().getDataset();
        assertThat(balance.getValue(0, balance.getColumnIndex("0")).intValue()).isEqualTo(9_661);
        assertThat(balance.getValue(0, balance.getColumnIndex("1")).intValue()).isEqualTo(339);
        assertThat(window.data().targetProperty().get()).isEqualTo("Machine failure");
        assertThat(window.data().roleLabel("UDI")).isEqualTo("identifier");
        assertThat(window.data().roleLabel("Product ID")).isEqualTo("identifier");
        assertThat(window.data().roleLabel("TWF")).isEqualTo("ignored");
        assertThat(robot.lookup("#preview-table").queryAs(TableView.class).getItems()).hasSize(Table.PREVIEW_ROWS);
    }

    @Test
    void badFileKeepsTheDataAndSaysWhatIsWrong(FxRobot robot, @TempDir Path dir) throws Exception {
        awaitTable(t -> t.source().equals("ai4i2020.csv"));
        Path bad = dir.resolve("broken.csv");
        Files.writeString(bad, "a,b\n1,2\n3\n");
        robot.interact(() -> window.data().open(bad));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.data().errorProperty().get() != null));
        assertThat(window.data().errorProperty().get()).isEqualTo("broken.csv: line 3: found 1 field(s); expected 2 "
                + "fields as in the header (check the delimiter, now comma, and quotes).");
        assertThat(window.data().tableProperty().get().source()).isEqualTo("ai4i2020.csv");
    }

    @Test
    void changingTheDelimiterReparsesLive(FxRobot robot, @TempDir Path dir) throws Exception {
        awaitTable(t -> t.source().equals("ai4i2020.csv"));
        Path file = dir.resolve("semi.csv");
        Files.writeString(file, "a;b;y\n1,5;2;0\n2,5;3;1\n3,5;4;0\n");
        robot.interact(() -> window.data().open(file));
        Table table = awaitTable(t -> t.source().equals("semi.csv"));
        assertThat(table.columns()).hasSize(3);
        // the file is remembered in the tests' preferences, never in the user's recent files
        String path = file.toAbsolutePath().toString();
        assertThat(Gui.preferences().get("recentFiles", "")).contains(path);
        assertThat(java.util.prefs.Preferences.userNodeForPackage(MainWindow.class).get("recentFiles", ""))
                .doesNotContain(path);
        assertThat(table.require("a").number(0)).isEqualTo(1.5);
        robot.interact(() -> window.data().reparse(table.settings().withDecimalComma(false)));
        Table reparsed = awaitTable(t -> !t.settings().decimalComma());
        assertThat(reparsed.require("a").isNumeric()).isFalse();
    }
}
