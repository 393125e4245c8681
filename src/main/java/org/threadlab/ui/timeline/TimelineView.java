package org.threadlab.ui.timeline;

import java.nio.IntBuffer;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.text.Font;
import javafx.util.Duration;
import org.threadlab.trace.TraceFeed;
import org.threadlab.trace.WorkerState;

/**
 * A timeline of a run: one lane per worker, coloured and patterned by state, on a time axis that
 * zooms and pans, with a playhead. It reads a {@link TraceFeed} only: the owner calls
 * {@code feed.pull()} and then {@link #refresh()} once per frame; the view draws again only when
 * something it shows changed (new data in view, zoom, pan, resize, theme).
 *
 * <p>Lanes are painted into a pixel buffer shown as an image; per frame the work is about lanes
 * times pixel columns, however many events the run recorded (see {@link LaneSummary}). With more
 * lanes than the height can show, rows stand for groups of lanes and show the share of each state.
 *
 * <p>Zoomed in far enough, each step is a box that says what it did (see {@link EventMarks}) and
 * each lost update an arrow from the overwritten write to the write over it; {@link
 * #jumpToLostUpdate} centres the next or previous one.
 *
 * <p>Mouse: Ctrl+wheel or a pinch zooms around the pointer, the wheel, a sideways scroll or a drag
 * pans, double-click fits, a click on a lane reports it to {@link #onLaneClickedProperty()}. Keys:
 * {@code +} {@code -} {@code 0}, and the arrows pan.
 */
public final class TimelineView extends Region {
    /** The least height of the legend and zoom row; it grows when a narrow view wraps the legend. */
    private static final double HEADER = 36;
    private double headerHeight = HEADER;
    private static final double TICK_SPACING = 96;
    private static final double WHEEL_NOTCH = 40;
    private static final double WHEEL_ZOOM = 1.25;
    /** Nanoseconds shown when there is nothing yet. */
    private static final double EMPTY_SPAN = 1_000_000;
    private static final long FRAME_NANOS = 16_666_667;

    private final DoubleProperty playheadNanos = new SimpleDoubleProperty(this, "playheadNanos", -1);
    private final BooleanProperty followPlayhead = new SimpleBooleanProperty(this, "followPlayhead", true);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark", false);
    private final ObjectProperty<Consumer<Integer>> onLaneClicked = new SimpleObjectProperty<>(this, "onLaneClicked");
    /** Where the replay should go when the view centres a moment (a lost update): the owner seeks there. */
    private final ObjectProperty<java.util.function.DoubleConsumer> onSeek = new SimpleObjectProperty<>(this, "onSeek");
    /**
     * Told the time at the middle of the view when the learner pans or zooms at {@value
     * #CENTRE_FOLLOWS} ns per pixel or finer (single steps in view): the owner moves a paused replay
     * there, so the memory view and the listing show the moment in the middle.
     */
    private final ObjectProperty<java.util.function.DoubleConsumer> onCentred = new SimpleObjectProperty<>(this, "onCentred");
    static final double CENTRE_FOLLOWS = 1000;
    /** The run's shared memory, for its lost updates; null when there is none. */
    private org.threadlab.trace.MemoryHistory memory;

    private TimelineData data;
    private StatePalette palette = new StatePalette(false);
    private final LaneRaster raster = new LaneRaster();
    private LaneLayout layout = LaneLayout.of(0, 0);
    private TimeAxis axis = TimeAxis.forScale(1000, TICK_SPACING);

    /** The window: {@code [start, start + span)} nanoseconds. */
    private double start;
    private double span = EMPTY_SPAN;
    /** The window is [0, end] and follows the end as it grows, until the user zooms or pans. */
    private boolean autoFit = true;
    private boolean dirty = true;
    private long lastDrawCost;
    private int framesSkipped;
    /** What the picture on screen shows: its time range and lanes, as of the last draw. */
    private double drawnStart;
    private double drawnEnd;
    private int drawnLanes;
    private int legendStates = -1;
    /** A bit above every state's, set in the legend's key when some lane printed. */
    private static final int PRINTS_IN_LEGEND = 1 << 30;
    /** Set in the legend's key when the run lost an update. */
    private static final int LOST_IN_LEGEND = 1 << 29;
    private int drawCount;

    private double gutter = 160;
    private int lanesWidth;
    private int lanesHeight;

    private final HBox header = new HBox(6);
    /** The states' key: it wraps onto more rows rather than push the zoom buttons out of a narrow view. */
    private final javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(14, 2);
    private final Button zoomOutButton = new Button("\u2212");
    private final Button zoomInButton = new Button("+");
    private final Button fitButton = new Button("Fit");
    private final Button previousLostButton = new Button("\u25C0 lost update");
    private final Button nextLostButton = new Button("lost update \u25B6");
    private final TextLayers text = new TextLayers();
    private final EventMarks marks = new EventMarks(text::width);
    private final Canvas axisCanvas = text.axisCanvas;
    private final Canvas gutterCanvas = text.gutterCanvas;
    private final Canvas overlay = text.overlayCanvas;
    private final ImageView lanesImage = new ImageView();
    private PixelBuffer<IntBuffer> pixelBuffer;
    private final Line playheadLine = new Line();
    private final Polygon playheadHead = new Polygon(-6, 0, 6, 0, 0, 8);
    private final Label placeholder = new Label("No run yet: the timeline fills in as a lesson runs.");
    private final Tooltip tooltip = new Tooltip();

    private double pressX = Double.NaN;
    private double pressStart;
    private boolean dragged;

    public TimelineView() {
        getStyleClass().add("timeline-view");
        setFocusTraversable(true);
        setMinSize(200, 120);
        setPrefSize(900, 360);

        for (Button b : List.of(previousLostButton, nextLostButton, zoomOutButton, zoomInButton, fitButton)) {
            b.setFocusTraversable(false);
            b.setMinWidth(Region.USE_PREF_SIZE); // "Fit" whole, never "..."

        }
        zoomOutButton.setOnAction(e -> {
            zoomOut();
            learnerMoved();
        });
        zoomInButton.setOnAction(e -> {
            zoomIn();
            learnerMoved();
        });
        fitButton.setOnAction(e -> zoomToFit());
        zoomOutButton.setTooltip(new Tooltip("Zoom out (-, or Ctrl+wheel)"));
        zoomInButton.setTooltip(new Tooltip("Zoom in (+, or Ctrl+wheel; the wheel or a drag moves along the run)"));
        previousLostButton.setId("previous-lost-update");
        nextLostButton.setId("next-lost-update");
        previousLostButton.setOnAction(e -> jumpToLostUpdate(false));
        nextLostButton.setOnAction(e -> jumpToLostUpdate(true));
        previousLostButton.setTooltip(new Tooltip("Centre the lost update before the replay position (Shift+N)"));
        nextLostButton.setTooltip(new Tooltip("Centre the next lost update after the replay position (N)"));
        showLostButtons(false);
        fitButton.setTooltip(new Tooltip("Show the whole run and follow it while it grows (0, or double-click)"));
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setMinWidth(0);
        HBox.setHgrow(legend, Priority.ALWAYS);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(4, 8, 4, 10));
        header.getChildren().addAll(legend, previousLostButton, nextLostButton, zoomOutButton, zoomInButton, fitButton);

        lanesImage.setSmooth(false);
        lanesImage.setPreserveRatio(false);
        playheadLine.setMouseTransparent(true);
        playheadLine.setStrokeWidth(2);
        playheadHead.setMouseTransparent(true);
        placeholder.setMouseTransparent(true);
        placeholder.setFont(Font.font("System", 15));
        tooltip.setFont(Font.font("System", 14));
        tooltip.setShowDelay(Duration.ZERO);
        tooltip.setWrapText(false);

        getChildren().addAll(lanesImage, overlay, marks.canvas, axisCanvas, gutterCanvas, header, playheadLine, playheadHead,
                placeholder);

        dark.addListener((o, was, now) -> applyTheme());
        playheadNanos.addListener((o, was, now) -> onPlayheadMoved());
        followPlayhead.addListener((o, was, now) -> {
            if (now) {
                onPlayheadMoved();
            }
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::onMoved);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> tooltip.hide());
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(ZoomEvent.ZOOM, e -> {
            zoomAt(e.getX(), e.getZoomFactor());
            learnerMoved();
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        applyTheme();
    }

    // ---------------------------------------------------------------- public API

    /** Shows this feed (null shows nothing). The view fits the whole run and follows it while it grows. */
    /**
     * Scales the timeline's text (lane names, axis, labels on bars, legend) and its rows with the
     * window's text scale (Ctrl+plus / Ctrl+minus), 1 for normal.
     */
    public void setTextScale(double scale) {
        if (scale == text.scale()) {
            return;
        }
        text.setScale(scale);
        marks.setScale(scale);
        placeholder.setFont(Font.font("System", 15 * scale));
        tooltip.setFont(Font.font("System", 14 * scale));
        for (javafx.scene.Node n : legend.getChildren()) {
            if (n instanceof Label label) {
                label.setFont(Font.font("System", 14 * scale));
            }
        }
        dirty = true;
        requestLayout();
    }

    /** The scale of the timeline's text, 1 for normal. */
    public double textScale() {
        return text.scale();
    }

    public void setFeed(TraceFeed feed) {
        data = feed == null ? null : new TimelineData(feed);
        drawnLanes = 0; // the picture of the feed before is not this one's
        drawnStart = 0;
        drawnEnd = 0;
        autoFit = true;
        start = 0;
        span = EMPTY_SPAN;
        legendStates = -1;
        tooltip.hide();
        if (data != null) {
            data.sync();
        }
        fitIfFollowing();
        updateLegend();
        markDirty();
    }

    /**
     * The shared memory of the run shown (null: none), whose lost updates the view draws and jumps
     * to; set with the feed, from the same run.
     */
    public void setMemory(org.threadlab.trace.MemoryHistory memory) {
        this.memory = memory;
        lostTaken = null;
        showLostButtons(false);
        legendStates = -1;
        updateLegend();
        markDirty();
    }

    /**
     * The run's lost updates so far, in the order of their overwriting writes; empty when none.
     * During a live run the list is taken again at most every {@value #LIVE_LOST_EVERY_MS} ms: making
     * it anew costs time in proportion to the run's writes, and a live run writes in every frame.
     */
    public List<org.threadlab.trace.MemoryHistory.LostUpdate> lostUpdates() {
        if (memory == null || data == null) {
            return List.of();
        }
        long now = System.nanoTime();
        if (lostTaken == null || data.feed().isFinished() || now - lostTakenAt >= LIVE_LOST_EVERY_MS * 1_000_000L) {
            lostTaken = memory.lostUpdates(); // kept by the history while no write comes: the finished run's costs nothing
            lostTakenAt = now;
        }
        return lostTaken;
    }

    private static final long LIVE_LOST_EVERY_MS = 500;
    private List<org.threadlab.trace.MemoryHistory.LostUpdate> lostTaken;
    private long lostTakenAt;

    /** Called with the time in the middle of a view zoomed in to single steps, when the learner moves it. */
    public ObjectProperty<java.util.function.DoubleConsumer> onCentredProperty() {
        return onCentred;
    }

    /** After the learner panned or zoomed: at single steps, the moment in the middle is the one to show. */
    private void learnerMoved() {
        java.util.function.DoubleConsumer centred = onCentred.get();
        if (centred != null && !autoFit && data != null && nanosPerPixel() <= CENTRE_FOLLOWS) {
            centred.accept(start + span / 2);
        }
    }

    /** Called with a moment to replay from when the view centres one (a lost update). */
    public ObjectProperty<java.util.function.DoubleConsumer> onSeekProperty() {
        return onSeek;
    }

    /**
     * Centres the next (or previous) lost update after (before) the playhead, zoomed so that its
     * stale read and both writes are in view, and asks the owner to move the replay to its
     * overwriting write; past the last one it goes round to the first (and back). Returns that
     * write's time, or NaN when the run has none.
     */
    public double jumpToLostUpdate(boolean forward) {
        List<org.threadlab.trace.MemoryHistory.LostUpdate> lost = lostUpdates();
        if (lost.isEmpty()) {
            return Double.NaN;
        }
        double from = Math.max(0, playheadNanos.get());
        int index = forward ? EventMarks.firstWithOverwritingAtOrAfter(lost, (long) Math.floor(from) + 1)
                : EventMarks.firstWithOverwritingAtOrAfter(lost, (long) Math.ceil(from)) - 1;
        // past the last one (as after a run, with the replay at its end), round to the first, and back
        index = Math.floorMod(index, lost.size());
        showLostUpdate(index);
        return lost.get(index).overwriting().nanos();
    }

    /**
     * Centres lost update number {@code index} (0 for the run's first) as {@link #jumpToLostUpdate}
     * does; false when the run has no such lost update.
     */
    public boolean showLostUpdate(int index) {
        refresh(); // the run's end as the feed has it now, not as of the last frame: the window is clamped to it
        List<org.threadlab.trace.MemoryHistory.LostUpdate> lost = lostUpdates();
        if (index < 0 || index >= lost.size()) {
            return false;
        }
        org.threadlab.trace.MemoryHistory.LostUpdate u = lost.get(index);
        showStory(Math.min(u.readNanos(), u.overwritten().nanos()), u.overwriting().nanos(), u.overwriting().lane());
        java.util.function.DoubleConsumer seek = onSeek.get();
        if (seek != null) {
            seek.accept(u.overwriting().nanos());
        }
        return true;
    }

    /**
     * Shows a story that ends at {@code to} on {@code lane}: all of {@code [from, to]} when that is
     * short enough for the lane's steps to stay boxes there, else the steps around {@code to}, with
     * {@code to} at two thirds of the width (the arrow then comes in from the left, as the story does).
     */
    void showStory(double from, double to, int lane) {
        autoFit = false;
        followPlayhead.set(true);
        org.threadlab.trace.LaneLog log = data.feed().lane(lane); // the feed's: the view may not have taken its last events yet
        int i = Math.max(0, log.lastAtOrBefore((long) to));
        // about six increments' worth of the lane's own events around the moment: boxes a few em wide
        double readable = (log.nanos(Math.min(log.size() - 1, i + 24)) - log.nanos(Math.max(0, i - 24))) * 1.5;
        double story = Math.max(1, to - from) * 1.4;
        // the whole story while its steps stay boxes (up to 8 times narrower than comfortable), else the end of it
        double shown = story <= readable * 8 ? story : readable;
        span = Math.min(fitSpan(), Math.max(minSpan(), Math.max(shown, 1)));
        start = story <= span ? (from + to) / 2 - span / 2 : to - span * 2 / 3;
        clampWindow();
        markDirty();
    }

    private void showLostButtons(boolean show) {
        for (Button b : List.of(previousLostButton, nextLostButton)) {
            b.setVisible(show);
            b.setManaged(show);
        }
    }

    /**
     * Catches up with what the owner pulled into the feed since the last frame, and draws again if
     * what is shown changed. Call once per frame, after {@code feed.pull()}. Returns whether it drew
     * (a frame that cost more than a frame's time is drawn again only every few frames).
     */
    public boolean refresh() {
        if (data == null) {
            return false;
        }
        int lanesBefore = data.laneCount();
        long changedFrom = data.sync();
        if (changedFrom != Long.MAX_VALUE) {
            updateLegend();
            if (data.laneCount() != lanesBefore) {
                fitIfFollowing();
                markDirty(); // the gutter may widen: drawn in this pulse's layout pass
                return false;
            }
            if (changedFrom < start + span) {
                dirty = true;
            }
        }
        boolean anyLost = !lostUpdates().isEmpty();
        if (anyLost != nextLostButton.isVisible()) {
            showLostButtons(anyLost);
            updateLegend();
        }
        if (fitIfFollowing()) {
            dirty = true;
        }
        if (!dirty) {
            return false;
        }
        // a frame that costs more than one frame is drawn only every few frames, so the window stays responsive
        if (lastDrawCost > FRAME_NANOS && framesSkipped < lastDrawCost / FRAME_NANOS) {
            framesSkipped++;
            return false;
        }
        if (lanesWidth > 0 && lanesHeight > 0) {
            redraw();
            return true;
        }
        requestLayout();
        return false;
    }

    /** Where the playhead is, in nanoseconds since the run started; negative or NaN hides it. */
    public DoubleProperty playheadNanosProperty() {
        return playheadNanos;
    }

    /** While true the view scrolls to keep the playhead in sight. Panning turns it off; fitting turns it on. */
    public BooleanProperty followPlayheadProperty() {
        return followPlayhead;
    }

    /** The dark variant of the colours. */
    public BooleanProperty darkProperty() {
        return dark;
    }

    /** Called with the index of a lane the user clicked (the first lane of a group row). */
    public ObjectProperty<Consumer<Integer>> onLaneClickedProperty() {
        return onLaneClicked;
    }

    public void setOnLaneClicked(Consumer<Integer> handler) {
        onLaneClicked.set(handler);
    }

    /** Shows the whole run, and keeps showing all of it while it grows. */
    public void zoomToFit() {
        autoFit = true;
        followPlayhead.set(true);
        fitIfFollowing();
        markDirty();
    }

    /**
     * Shows {@code [startNanos, endNanos]} of the run (kept within it, and no finer than the finest
     * zoom), and stops fitting the whole run.
     */
    public void showWindow(double startNanos, double endNanos) {
        refresh(); // the run's end as the feed has it now
        autoFit = false;
        followPlayhead.set(false);
        span = endNanos - startNanos;
        start = startNanos;
        clampWindow();
        markDirty();
    }

    /** Halves the time shown, around the playhead if it is in sight, else around the middle. */
    public void zoomIn() {
        zoomAt(zoomAnchorX(), 2);
    }

    /** Doubles the time shown; at the whole run, fits. */
    public void zoomOut() {
        zoomAt(zoomAnchorX(), 0.5);
    }

    public double visibleStartNanos() {
        return start;
    }

    public double visibleEndNanos() {
        return start + span;
    }

    /** The start of the time range on screen: the one last drawn (a slow frame may leave a newer range undrawn a while). */
    public double drawnStartNanos() {
        return drawnStart;
    }

    /** The end of the time range last drawn. */
    public double drawnEndNanos() {
        return drawnEnd;
    }

    /** The lanes in the picture last drawn: 0 until a run's first lane is on screen. */
    public int drawnLaneCount() {
        return drawnLanes;
    }

    /**
     * Whether something changed that is not drawn yet: a frame skipped to keep the window
     * responsive, for instance. The owner keeps calling {@link #refresh()} until it is false, even
     * when it has no new data, or the last change (the end of a run) would never be drawn.
     */
    public boolean hasPendingDraw() {
        return dirty && data != null;
    }

    /** As if the last draw had taken this long: lets a test see what a slow frame leaves behind. */
    void assumeLastDrawCost(long nanos) {
        lastDrawCost = nanos;
    }

    /** Number of lanes (workers) in the feed. */
    public int laneCount() {
        return data == null ? 0 : data.laneCount();
    }

    /** Lanes drawn per row: 1, or more when there are too many lanes for their own rows. */
    public int lanesPerRow() {
        return laneLayout().lanesPerRow();
    }

    /**
     * What the tooltip says at this point of the view (its own coordinates), or null where it
     * shows none: the worker, its state, the step being run, start and duration of the interval,
     * and any value read or written in it.
     */
    public String tooltipTextAt(double x, double y) {
        if (data == null || lanesWidth == 0) {
            return null;
        }
        LaneLayout l = laneLayout();
        int row = l.rowAt(y - lanesTop());
        if (row < 0 || x < gutter || x >= gutter + lanesWidth) {
            return null;
        }
        double t = nanosAt(x);
        int col = (int) Math.floor(x - gutter);
        double dt = span / lanesWidth;
        double colStart = start + col * dt;
        double colEnd = start + (col + 1) * dt;
        if (l.aggregated()) {
            return TooltipText.group(data.lanes(), l.firstLane(row), l.endLane(row), t, colStart, colEnd,
                    data.endNanos());
        }
        return TooltipText.lane(data.lane(row), data.feed().info(), t, colStart, colEnd, data.endNanos());
    }

    // ---------------------------------------------------------------- package-private, for tests

    double xForNanos(double nanos) {
        return gutter + (nanos - start) / span * lanesWidth;
    }

    double nanosAt(double x) {
        return start + (x - gutter) / Math.max(1, lanesWidth) * span;
    }

    /** Vertical middle of a lane's row, in the view's coordinates. */
    double yForLane(int lane) {
        LaneLayout l = laneLayout();
        return lanesTop() + l.rowOf(lane) * l.rowHeight() + l.rowHeight() / 2.0;
    }

    /** Lane index at {@code y}, the first lane of a group row, or -1. */
    int laneAt(double y) {
        LaneLayout l = laneLayout();
        int row = l.rowAt(y - lanesTop());
        return row < 0 ? -1 : l.firstLane(row);
    }

    /** The ARGB pixel drawn at a point of the lanes, in the view's coordinates. */
    int pixelAt(double x, double y) {
        int px = (int) Math.floor(x - gutter);
        int py = (int) Math.floor(y - lanesTop());
        if (px < 0 || py < 0 || px >= raster.width() || py >= raster.height()) {
            return 0;
        }
        return raster.pixels()[py * raster.width() + px];
    }

    StatePalette palette() {
        return palette;
    }

    EventMarks marks() {
        return marks;
    }

    /** The fonts of the text drawn on the canvases and of the legend, tooltip and placeholder. */
    List<Font> fonts() {
        List<Font> fonts = new java.util.ArrayList<>(text.fonts());
        fonts.addAll(marks.fonts());
        fonts.add(tooltip.getFont());
        fonts.add(placeholder.getFont());
        for (javafx.scene.Node n : legend.getChildren()) {
            if (n instanceof Label label) {
                fonts.add(label.getFont());
            }
        }
        return fonts;
    }

    /** Nanoseconds per pixel column at the current zoom. */
    double nanosPerPixel() {
        return span / Math.max(1, lanesWidth);
    }

    TimelineData data() {
        return data;
    }

    boolean isAutoFit() {
        return autoFit;
    }

    int drawCount() {
        return drawCount;
    }

    /** Draws now if anything changed, ignoring the frame budget. */
    void redrawNow() {
        if (dirty && lanesWidth > 0 && lanesHeight > 0) {
            redraw();
        }
    }

    /** Changes the window as a wheel notch or a pinch at {@code x} would. */
    void zoomAt(double x, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            return;
        }
        double anchorX = Math.max(gutter, Math.min(gutter + lanesWidth, x));
        double anchor = nanosAt(anchorX);
        double newSpan = Math.max(minSpan(), span / factor);
        if (newSpan >= fitSpan()) {
            zoomToFit();
            return;
        }
        autoFit = false;
        double frac = lanesWidth == 0 ? 0.5 : (anchorX - gutter) / lanesWidth;
        span = newSpan;
        start = anchor - frac * newSpan;
        clampWindow();
        markDirty();
    }

    /** Moves the window by {@code pixels} (positive: later in time). */
    void panBy(double pixels) {
        if (lanesWidth == 0) {
            return;
        }
        autoFit = false;
        followPlayhead.set(false);
        start += pixels * span / lanesWidth;
        clampWindow();
        markDirty();
    }

    // ---------------------------------------------------------------- window

    private double fitSpan() {
        return data == null ? EMPTY_SPAN : Math.max(1000, data.endNanos());
    }

    private double minSpan() {
        return Math.max(50, lanesWidth / 8.0); // eight pixels per nanosecond is as close as timestamps go
    }

    /** In fit mode, makes the window the whole run; returns whether it changed. */
    private boolean fitIfFollowing() {
        if (!autoFit) {
            return false;
        }
        double fit = fitSpan();
        if (start == 0 && span == fit) {
            return false;
        }
        start = 0;
        span = fit;
        return true;
    }

    private void clampWindow() {
        double fit = fitSpan();
        span = Math.max(minSpan(), Math.min(span, fit));
        start = Math.max(0, Math.min(start, fit - span));
    }

    private double zoomAnchorX() {
        double p = playheadNanos.get();
        if (p >= 0 && p >= start && p <= start + span) {
            return xForNanos(p);
        }
        return gutter + lanesWidth / 2.0;
    }

    private void onPlayheadMoved() {
        double p = playheadNanos.get();
        if (followPlayhead.get() && !autoFit && p >= 0 && (p < start || p > start + span * 0.98)) {
            start = p - 0.1 * span; // page forward (or back) so the playhead has room to run
            clampWindow();
            markDirty();
        }
        placePlayhead();
    }

    // ---------------------------------------------------------------- layout and drawing

    private double lanesTop() {
        return headerHeight + text.axis();
    }

    private LaneLayout laneLayout() {
        int lanes = laneCount();
        if (layout.lanes() != lanes || layout.rows() == 0 && lanes > 0) {
            layout = LaneLayout.of(lanes, lanesHeight, text.scale());
        }
        return layout;
    }

    private void markDirty() {
        dirty = true;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double headerNow = Math.max(HEADER, Math.ceil(header.prefHeight(w)));
        if (headerNow != headerHeight) {
            headerHeight = headerNow;
            gutter = -1; // the lanes move down: place them again
        }
        header.resizeRelocate(0, 0, w, headerHeight);
        double g = data == null || data.laneCount() == 0 ? 150
                : text.gutterWidth(data, LaneLayout.of(data.laneCount(), (int) Math.max(0, h - lanesTop()), text.scale()));
        int lw = (int) Math.max(0, Math.floor(w - g));
        int lh = (int) Math.max(0, Math.floor(h - lanesTop()));
        if (g != gutter || lw != lanesWidth || lh != lanesHeight) {
            gutter = g;
            lanesWidth = lw;
            lanesHeight = lh;
            layout = LaneLayout.of(laneCount(), lh, text.scale());
            if (lw > 0 && lh > 0) {
                raster.resize(lw, lh);
                pixelBuffer = new PixelBuffer<>(lw, lh, IntBuffer.wrap(raster.pixels()),
                        PixelFormat.getIntArgbPreInstance());
                lanesImage.setImage(new WritableImage(pixelBuffer));
            } else {
                lanesImage.setImage(null);
            }
            lanesImage.relocate(g, lanesTop());
            overlay.setWidth(lw);
            overlay.setHeight(lh);
            overlay.relocate(g, lanesTop());
            marks.canvas.setWidth(lw);
            marks.canvas.setHeight(lh);
            marks.canvas.relocate(g, lanesTop());
            axisCanvas.setWidth(lw);
            axisCanvas.setHeight(text.axis());
            axisCanvas.relocate(g, headerHeight);
            gutterCanvas.setWidth(g);
            gutterCanvas.setHeight(Math.max(0, h - headerHeight));
            gutterCanvas.relocate(0, headerHeight);
            clampWindow();
            dirty = true;
        }
        placeholder.autosize();
        placeholder.relocate(g + 16, lanesTop() + 16);
        placeholder.setVisible(laneCount() == 0);
        if (dirty && lw > 0 && lh > 0) {
            redraw();
        }
        placePlayhead();
    }

    private void redraw() {
        long t0 = System.nanoTime();
        dirty = false;
        framesSkipped = 0;
        layout = LaneLayout.of(laneCount(), lanesHeight, text.scale());
        fitIfFollowing();
        clampWindow();
        double dt = span / lanesWidth;
        axis = TimeAxis.forScale(dt, TICK_SPACING * text.scale()); // labels grow with the text: ticks make room
        int[] grid = gridColumns(dt);
        raster.draw(data, layout, start, dt, palette, grid);
        pixelBuffer.updateBuffer(b -> null);
        text.draw(palette, data, layout, axis, start, span, dt, raster.labels());
        List<org.threadlab.trace.MemoryHistory.LostUpdate> lost = lostUpdates();
        marks.draw(palette, data, layout, start, span, dt, lost.isEmpty() ? null : lost);
        placePlayhead();
        drawCount++;
        drawnStart = start;
        drawnEnd = start + span;
        drawnLanes = laneCount();
        lastDrawCost = System.nanoTime() - t0;
    }

    private int[] gridColumns(double dt) {
        double first = Math.ceil(start / axis.step()) * axis.step();
        int n = (int) Math.max(0, Math.floor((start + span - first) / axis.step()) + 1);
        int[] xs = new int[Math.min(n, 1000)];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (int) Math.floor((first + i * axis.step() - start) / dt);
        }
        return xs;
    }

    private void placePlayhead() {
        double p = playheadNanos.get();
        double x = Math.round(xForNanos(p)) + 0.5;
        boolean shown = p >= 0 && lanesWidth > 0 && x >= gutter && x <= gutter + lanesWidth;
        playheadLine.setVisible(shown);
        playheadHead.setVisible(shown);
        if (!shown) {
            return;
        }
        playheadLine.setStartX(x);
        playheadLine.setEndX(x);
        playheadLine.setStartY(headerHeight + text.axis() - 8);
        playheadLine.setEndY(lanesTop() + Math.min(lanesHeight, Math.max(layout.height(), 0)));
        playheadHead.setLayoutX(x);
        playheadHead.setLayoutY(headerHeight + text.axis() - 9);
    }

    private void applyTheme() {
        palette = new StatePalette(dark.get());
        setBackground(new Background(new BackgroundFill(StatePalette.argb(palette.background), null, null)));
        header.setBackground(new Background(new BackgroundFill(palette.panel, null, null)));
        playheadLine.setStroke(palette.playhead);
        playheadHead.setFill(palette.playhead);
        placeholder.setTextFill(palette.subtext);
        legendStates = -1;
        updateLegend();
        markDirty();
    }

    private void updateLegend() {
        boolean prints = data != null && data.anyPrints();
        boolean lost = !lostUpdates().isEmpty();
        int states = (data == null ? 0 : data.seenStates()) | (prints ? PRINTS_IN_LEGEND : 0) | (lost ? LOST_IN_LEGEND : 0);
        if (states == legendStates) {
            return;
        }
        legendStates = states;
        legend.getChildren().clear();
        for (WorkerState s : StatePalette.SHOWN) {
            if ((states & (1 << s.ordinal())) == 0 && s != WorkerState.RUNNING) {
                continue;
            }
            ImageView swatch = new ImageView(palette.swatch(s, 26, 14));
            Label label = new Label(StatePalette.displayLabel(s), swatch);
            label.setGraphicTextGap(5);
            label.setFont(Font.font("System", 14 * text.scale()));
            label.setTextFill(palette.text);
            legend.getChildren().add(label);
        }
        if (prints) {
            javafx.scene.shape.Polygon mark = new javafx.scene.shape.Polygon(0, 0, 10, 0, 5, 8);
            mark.setFill(palette.text);
            Label label = new Label("printed a line", mark);
            label.setGraphicTextGap(5);
            label.setFont(Font.font("System", 14 * text.scale()));
            label.setTextFill(palette.text);
            legend.getChildren().add(label);
        }
        if (lost) {
            javafx.scene.shape.Rectangle mark = new javafx.scene.shape.Rectangle(3, 12, EventMarks.lostColour(palette));
            Label label = new Label("lost update (N: the next one)", mark);
            label.setId("legend-lost-update");
            label.setGraphicTextGap(5);
            label.setFont(Font.font("System", 14 * text.scale()));
            label.setTextFill(palette.text);
            legend.getChildren().add(label);
        }
    }

    // ---------------------------------------------------------------- input

    private boolean inTimeArea(double x, double y) {
        return x >= gutter && y >= headerHeight;
    }

    private void onPressed(MouseEvent e) {
        requestFocus();
        tooltip.hide();
        if (e.getButton() == MouseButton.PRIMARY && inTimeArea(e.getX(), e.getY())) {
            pressX = e.getX();
            pressStart = start;
            dragged = false;
        } else {
            pressX = Double.NaN;
        }
    }

    private void onDragged(MouseEvent e) {
        if (Double.isNaN(pressX) || lanesWidth == 0) {
            return;
        }
        double dx = e.getX() - pressX;
        if (!dragged && Math.abs(dx) < 3) {
            return;
        }
        dragged = true;
        autoFit = false;
        followPlayhead.set(false);
        start = pressStart - dx * span / lanesWidth;
        clampWindow();
        markDirty();
        learnerMoved();
        e.consume();
    }

    private void onReleased(MouseEvent e) {
        boolean wasDrag = dragged;
        pressX = Double.NaN;
        dragged = false;
        if (wasDrag || e.getButton() != MouseButton.PRIMARY || e.getY() < lanesTop()) {
            return;
        }
        if (e.getClickCount() == 2 && e.getX() >= gutter) {
            zoomToFit();
            return;
        }
        int lane = laneAt(e.getY());
        Consumer<Integer> handler = onLaneClicked.get();
        if (lane >= 0 && lane < laneCount() && handler != null && e.getClickCount() == 1) {
            handler.accept(lane);
        }
    }

    private void onMoved(MouseEvent e) {
        String text = tooltipTextAt(e.getX(), e.getY());
        if (text == null) {
            tooltip.hide();
            return;
        }
        tooltip.setText(text);
        double sx = e.getScreenX() + 14;
        double sy = e.getScreenY() + 18;
        if (tooltip.isShowing()) {
            tooltip.setAnchorX(sx);
            tooltip.setAnchorY(sy);
        } else if (getScene() != null && getScene().getWindow() != null) {
            tooltip.show(this, sx, sy);
        }
    }

    private void onScroll(ScrollEvent e) {
        if (!inTimeArea(e.getX(), e.getY())) {
            return;
        }
        double dx = e.getDeltaX();
        double dy = e.getDeltaY();
        if (e.isShortcutDown()) {
            double notches = Math.abs(dy) >= Math.abs(dx) ? dy : dx;
            if (notches != 0) {
                zoomAt(e.getX(), Math.pow(WHEEL_ZOOM, notches / WHEEL_NOTCH));
            }
        } else {
            // the wheel moves along the run: down or right is later; a sideways scroll as it goes
            panBy(Math.abs(dx) > Math.abs(dy) ? -dx : -dy);
        }
        learnerMoved();
        tooltip.hide();
        e.consume();
    }

    private void onKey(KeyEvent e) {
        switch (e.getCode()) {
            case PLUS, ADD, EQUALS -> zoomIn();
            case MINUS, SUBTRACT -> zoomOut();
            case DIGIT0, NUMPAD0, HOME -> zoomToFit();
            case LEFT -> panBy(-lanesWidth / 10.0);
            case RIGHT -> panBy(lanesWidth / 10.0);
            default -> {
                return;
            }
        }
        learnerMoved();
        e.consume();
    }


}
