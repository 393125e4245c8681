import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The smallest JavaFX window, titled ThreadLab-minimal: the floor the start-up benchmark compares
 * ThreadLab's window with. Like ThreadLab with {@code -Dthreadlab.startupLog=true}, it says on stderr
 * when its first frame has been laid out and handed to the renderer.
 */
public final class MinimalWindow extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("ThreadLab-minimal");
        Scene scene = new Scene(new Label("minimal"), 400, 300);
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                Platform.runLater(() -> System.err.println("startup: first frame"));
            }
        });
        stage.setScene(scene);
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
