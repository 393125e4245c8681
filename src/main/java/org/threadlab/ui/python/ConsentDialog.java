package org.threadlab.ui.python;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The question before a lesson's Python listing runs: the exact code, the command line, the
 * interpreter, where and for how long. ThreadLab's own lessons may be trusted once ("do not ask
 * again"); a lesson from anywhere else is asked about every time, and says where it comes from.
 */
public final class ConsentDialog implements PythonPanel.Consent {
    private static final String MONO = "-fx-font-family: monospace;";
    private final java.util.function.Supplier<Window> owner;
    private final BooleanSupplier builtInTrusted;
    private final Consumer<Boolean> saveBuiltInTrusted;

    public ConsentDialog(java.util.function.Supplier<Window> owner, BooleanSupplier builtInTrusted,
                         Consumer<Boolean> saveBuiltInTrusted) {
        this.owner = owner;
        this.builtInTrusted = builtInTrusted;
        this.saveBuiltInTrusted = saveBuiltInTrusted;
    }

    @Override
    public boolean ask(PythonPanel.ConsentRequest request) {
        if (!mustAsk(request, builtInTrusted.getAsBoolean())) {
            return true;
        }
        Dialog<ButtonType> d = dialog(request);
        ButtonType answer = d.showAndWait().orElse(ButtonType.CANCEL);
        boolean yes = answer.getButtonData() == ButtonBar.ButtonData.OK_DONE;
        if (yes && request.builtIn() && d.getDialogPane().lookup("#python-trust") instanceof CheckBox trust
                && trust.isSelected()) {
            saveBuiltInTrusted.accept(true);
        }
        return yes;
    }

    /** Only ThreadLab's own lessons can be trusted once; a lesson from elsewhere is asked about every time. */
    static boolean mustAsk(PythonPanel.ConsentRequest request, boolean builtInTrusted) {
        return !(request.builtIn() && builtInTrusted);
    }

    /** The dialog, not shown: its text says exactly what will run. */
    Dialog<ButtonType> dialog(PythonPanel.ConsentRequest request) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Run Python on this computer?");
        d.setHeaderText("Run this lesson's Python listing with your Python?");
        Window w = owner.get();
        if (w != null) {
            d.initOwner(w);
        }
        ButtonType run = new ButtonType("Run it", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(run, ButtonType.CANCEL);
        Label what = new Label("ThreadLab will start " + request.interpreter().label() + " ("
                + request.interpreter().executable() + ") as you, in a new temporary folder that is deleted"
                + " afterwards, and run the program below exactly as shown"
                + (request.runs() > 1 ? ", " + request.runs() + " times (once per mode)" : "")
                + ". It may use the processor, the memory and the network like any program you start; it is stopped"
                + " after " + request.timeout().toSeconds() + " s" + (request.runs() > 1 ? " each" : "")
                + " or when you press Stop.");
        what.setWrapText(true);
        Label where = new Label(request.builtIn()
                ? "It is the listing of ThreadLab's own lesson “" + request.lesson().title() + "”."
                : "This lesson does not come with ThreadLab: it was opened from " + request.lesson().source()
                        + ". Read the code before you run it. Lessons from elsewhere are asked about every time.");
        where.setWrapText(true);
        where.setId("python-consent-where");
        if (!request.builtIn()) {
            where.getStyleClass().add("danger");
            where.setStyle("-fx-font-weight: bold;");
        }
        Label command = new Label("$ " + request.command());
        command.setWrapText(true);
        command.setStyle(MONO);
        command.setId("python-consent-command");
        TextArea code = new TextArea(request.code());
        code.setEditable(false);
        code.setPrefRowCount(12);
        code.setStyle(MONO); // a dialog has a scene of its own, without the window's stylesheet
        code.setId("python-consent-code");
        VBox box = new VBox(10, what, where, command, code);
        if (request.builtIn()) {
            CheckBox trust = new CheckBox("Do not ask again for ThreadLab's own lessons");
            trust.setId("python-trust");
            box.getChildren().add(trust);
        }
        d.getDialogPane().setContent(box);
        d.getDialogPane().setPrefWidth(720);
        d.setResizable(true);
        return d;
    }
}
