import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The smallest JavaFX window, titled ThreadLab-minimal: the floor the start-up benchmark compares ThreadLab's window with. */
public final class MinimalWindow extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("ThreadLab-minimal");
        stage.setScene(new Scene(new Label("minimal"), 400, 300));
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
