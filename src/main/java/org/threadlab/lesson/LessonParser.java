package org.threadlab.lesson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a lesson file (format: {@code docs/lesson-format.md}) with SnakeYAML Engine and checks it.
 * Every problem is reported with file, line, column and key; none is a stack trace.
 */
public final class LessonParser {
    /** Modes a lesson may name. */
    public static final List<String> MODES = List.of("sequential", "threads", "virtual-threads", "thread-pool",
            "processes", "process-pool");

    private static final Set<String> TOP_KEYS = ordered("id", "title", "summary", "level", "concepts", "narration",
            "prediction", "params", "shared", "workers", "main", "listings", "variants", "run", "outcomes", "stepping",
            "challenges");
    private static final Set<String> STEP_KINDS = ordered("compute", "sleep", "download", "print", "read", "add",
            "write", "increment", "lock", "unlock", "with-lock", "with-permit", "put", "take", "wait", "notify", "notify-all", "repeat", "if", "return",
            "spin-until");
    private static final Map<String, Set<String>> STEP_OPTIONS = Map.ofEntries(
            Map.entry("compute", ordered("from", "to", "base", "exponent", "into")),
            Map.entry("sleep", Set.of()),
            Map.entry("download", ordered("bytes", "into")),
            Map.entry("print", Set.of()),
            Map.entry("read", ordered("into")),
            Map.entry("add", ordered("to")),
            Map.entry("write", ordered("from")),
            Map.entry("increment", ordered("by", "atomic", "local")),
            Map.entry("lock", Set.of()),
            Map.entry("unlock", Set.of()),
            Map.entry("with-lock", ordered("steps")),
            Map.entry("with-permit", ordered("steps")),
            Map.entry("read-lock", Set.of()),
            Map.entry("read-unlock", Set.of()),
            Map.entry("write-lock", Set.of()),
            Map.entry("write-unlock", Set.of()),
            Map.entry("with-read-lock", ordered("steps")),
            Map.entry("with-write-lock", ordered("steps")),
            Map.entry("put", ordered("value")),
            Map.entry("take", ordered("into")),
            Map.entry("wait", ordered("until")),
            Map.entry("notify", Set.of()),
            Map.entry("notify-all", Set.of()),
            Map.entry("repeat", ordered("as", "steps")),
            Map.entry("if", ordered("then", "else")),
            Map.entry("return", Set.of()),
            Map.entry("spin-until", ordered("volatile")));
    /** The local a read, add, write or increment uses when none is named. */
    public static final String DEFAULT_LOCAL = "tmp";
    /** A story's move: a lane label or name, optionally with the step kind it does. */
    private static final Pattern STORY_MOVE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*(\\.[a-z-]+)?");
    private static final Pattern MARKER = Pattern.compile("\\s*(?://|#)\\s*\\[([a-z0-9][a-z0-9-]*)\\]\\s*$");

    static { // the read-write lock steps, kept apart from the list of STEP_KINDS that other step kinds extend
        STEP_KINDS.addAll(List.of("read-lock", "read-unlock", "write-lock", "write-unlock", "with-read-lock",
                "with-write-lock"));
    }

    private static Set<String> ordered(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    /** Reads and checks one lesson file. */
    public Lesson parse(Path file) throws LessonException {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > Limits.MAX_FILE_BYTES) {
                throw new LessonException(new LessonProblem(new Pos(name, 1, 1, ""),
                        "file is " + size + " bytes; a lesson file may be at most " + Limits.MAX_FILE_BYTES + " bytes"));
            }
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new LessonException(new LessonProblem(new Pos(name, 1, 1, ""), "file is not UTF-8 text"));
        } catch (IOException e) {
            throw new LessonException(new LessonProblem(new Pos(name, 0, 0, ""), "cannot read file: " + e.getMessage()));
        }
    }

    /**
     * Parses lesson text; {@code file} is used in messages and to check the id. Whatever goes wrong
     * while reading one file ends as a {@link LessonException} about that file: a fault of the
     * reader itself (any other throwable) marks the file broken and never reaches the caller, so a
     * library or a {@code check} of many files goes on with the others.
     */
    public Lesson parse(Path file, String text) throws LessonException {
        try {
            return parseText(file, text);
        } catch (LessonException e) {
            throw e;
        } catch (Throwable t) { // NOPMD: see above; one broken file must not take the app down
            String what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            throw new LessonException(new LessonProblem(new Pos(file.toString(), 1, 1, ""),
                    "ThreadLab could not read this file (" + YamlNodes.shortened(what) + "); the other lessons are not affected"));
        }
    }

    /** The parser itself, without the safety net of {@link #parse(Path, String)}: for the fuzz test. */
    Lesson parseText(Path file, String text) throws LessonException {
        String name = file.toString();
        if (text.length() > Limits.MAX_FILE_BYTES) {
            throw new LessonException(new LessonProblem(new Pos(name, 1, 1, ""),
                    "file is too large; a lesson file may be at most " + Limits.MAX_FILE_BYTES + " bytes"));
        }
        Node root = compose(name, text);
        List<LessonProblem> problems = new ArrayList<>();
        YamlNodes y = new YamlNodes(name, problems);
        Lesson lesson = null;
        try {
            refuseAnchors(y, root, "", 0);
            lesson = new Reader(y, file).lesson(root);
        } catch (YamlNodes.Fail f) {
            problems.add(f.problem);
        }
        if (lesson != null) {
            new LessonChecker(problems).check(lesson);
        }
        if (!problems.isEmpty()) {
            throw new LessonException(dedupe(problems));
        }
        return lesson;
    }

    private static List<LessonProblem> dedupe(List<LessonProblem> problems) {
        Map<String, LessonProblem> unique = new LinkedHashMap<>();
        for (LessonProblem p : problems) {
            unique.putIfAbsent(p.format(), p);
        }
        List<LessonProblem> sorted = new ArrayList<>(unique.values());
        sorted.sort(java.util.Comparator.comparingInt((LessonProblem p) -> p.pos().line())
                .thenComparingInt(p -> p.pos().column()));
        return sorted;
    }

    private static Node compose(String name, String text) throws LessonException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(name)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(0) // an alias to a list or map is how YAML bombs are built
                .setCodePointLimit(Limits.MAX_FILE_BYTES)
                .build();
        try {
            Optional<Node> node = new Compose(settings).composeString(text);
            if (node.isEmpty()) {
                throw new LessonException(new LessonProblem(new Pos(name, 1, 1, ""), "file is empty"));
            }
            return node.get();
        } catch (MarkedYamlEngineException e) {
            var mark = e.getProblemMark().or(e::getContextMark);
            int line = mark.map(m -> m.getLine() + 1).orElse(1);
            int column = mark.map(m -> m.getColumn() + 1).orElse(1);
            String what = e.getProblem() == null ? e.getContext() : e.getProblem();
            if (e.getContext() != null && e.getProblem() != null) {
                what = e.getContext() + ": " + e.getProblem();
            }
            throw new LessonException(new LessonProblem(new Pos(name, line, column, ""),
                    "not valid YAML: " + what.replace('\n', ' ')));
        } catch (StackOverflowError e) {
            // The YAML composer recurses once per level: thousands of levels ("[[[[...") overflow
            // the stack before the depth check below sees the tree. Find the place without recursion.
            throw new LessonException(new LessonProblem(tooDeep(name, text, settings), "nested too deeply: YAML lists"
                    + " and mappings may be nested at most " + Limits.MAX_YAML_DEPTH + " levels"));
        } catch (YamlEngineException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (msg.contains("aliases")) {
                msg = "YAML aliases (*name) of lists or mappings are not allowed in lesson files";
            }
            throw new LessonException(new LessonProblem(new Pos(name, 1, 1, ""), msg));
        } catch (RuntimeException e) {
            // The YAML library can also fail without a mark of its own (a tag such as "!%A" is not
            // a valid escaped tag): say where its last good event ended.
            throw new LessonException(new LessonProblem(lastGoodEvent(name, text, settings),
                    "not valid YAML: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }

    /** Where the YAML parser's last event before it failed begins, or the start of the file. */
    private static Pos lastGoodEvent(String name, String text, LoadSettings settings) {
        Optional<org.snakeyaml.engine.v2.exceptions.Mark> last = Optional.empty();
        try {
            for (Event event : new Parse(settings).parseString(text)) {
                last = event.getEndMark();
            }
        } catch (RuntimeException | StackOverflowError e) {
            // the failure itself: the place is the last event read
        }
        return new Pos(name, last.map(m -> m.getLine() + 1).orElse(1), last.map(m -> m.getColumn() + 1).orElse(1), "");
    }

    /** Where the text first nests lists and mappings deeper than the limit, found from the parser's events. */
    private static Pos tooDeep(String name, String text, LoadSettings settings) {
        int depth = 0;
        try {
            for (Event event : new Parse(settings).parseString(text)) {
                if (event instanceof CollectionStartEvent) {
                    depth++;
                    if (depth > Limits.MAX_YAML_DEPTH) {
                        var mark = event.getStartMark();
                        return new Pos(name, mark.map(m -> m.getLine() + 1).orElse(1),
                                mark.map(m -> m.getColumn() + 1).orElse(1), "");
                    }
                } else if (event instanceof CollectionEndEvent) {
                    depth--;
                }
            }
        } catch (YamlEngineException | StackOverflowError e) {
            // no place to give: the start of the file
        }
        return new Pos(name, 1, 1, "");
    }

    private static void refuseAnchors(YamlNodes y, Node node, String key, int depth) {
        if (node.getAnchor().isPresent()) {
            throw y.fail(node, key, "YAML anchors and aliases (&" + node.getAnchor().get().getValue()
                    + ") are not allowed in lesson files; write the value out");
        }
        if (depth > Limits.MAX_YAML_DEPTH) {
            throw y.fail(node, key, "nested too deeply: YAML lists and mappings may be nested at most "
                    + Limits.MAX_YAML_DEPTH + " levels");
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                refuseAnchors(y, t.getKeyNode(), key, depth + 1);
                refuseAnchors(y, t.getValueNode(), key, depth + 1);
            }
        } else if (node instanceof SequenceNode s) {
            for (Node n : s.getValue()) {
                refuseAnchors(y, n, key, depth + 1);
            }
        }
    }

    /** Turns the YAML tree into the model; shape and type errors only (meaning is the checker's). */
    private static final class Reader {
        private final YamlNodes y;
        private final Path file;
        private int writtenSteps;
        /** Whether the file lists its modes under run.modes (else it gets every mode it can run in). */
        private boolean modesWritten;

        Reader(YamlNodes y, Path file) {
            this.y = y;
            this.file = file;
        }

        Lesson lesson(Node root) {
            Map<String, Node> top = y.mapping(root, "", TOP_KEYS,
                    ordered("id", "title", "summary", "narration", "prediction", "workers", "listings", "outcomes"));
            String id = y.name(top.get("id"), "id", Names.TAG_NAME, "lesson");
            String stem = file.getFileName() == null ? "" : file.getFileName().toString();
            if (stem.endsWith(".yaml") && !stem.equals(id + ".yaml")) {
                y.report(top.get("id"), "id", "id '" + id + "' does not match the file name '" + stem
                        + "'; name the file " + id + ".yaml");
            }
            String title = y.string(top.get("title"), "title");
            String summary = y.string(top.get("summary"), "summary");
            Level level = Level.BEGINNER;
            if (top.containsKey("level")) {
                String l = y.string(top.get("level"), "level");
                try {
                    level = Level.valueOf(l.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    y.report(top.get("level"), "level", "unknown level '" + l + "'; use beginner, intermediate or advanced");
                }
            }
            List<String> concepts = top.containsKey("concepts") ? y.strings(top.get("concepts"), "concepts") : List.of();
            String narration = y.markdown(top.get("narration"), "narration");
            Prediction prediction = attempt(() -> prediction(top.get("prediction")));
            Map<String, Long> params = top.containsKey("params") ? params(top.get("params"), "params") : Map.of();
            RunSettings run = top.containsKey("run") ? attempt(() -> run(top.get("run"))) : defaultRun();
            if (run == null) {
                run = defaultRun();
            }
            Map<String, Long> allParams = new LinkedHashMap<>(params);
            if (allParams.containsKey("workers")) {
                y.report(y.keyNode(top.get("params"), "workers"), "params.workers",
                        "'workers' is set by run.workers, not by params");
            }
            allParams.put("workers", (long) run.workers());
            SharedState shared = top.containsKey("shared") ? attempt(() -> shared(top.get("shared"), "shared")) : SharedState.EMPTY;
            if (shared != null && !modesWritten && !runsAsProcesses(shared)) {
                run = new RunSettings(run.mode(), MODES.stream().filter(md -> !md.startsWith("process")).toList(),
                        run.workers(), run.minWorkers(), run.maxWorkers(), run.poolSize(), run.timeout());
            }
            List<Worker> workers = workers(top.get("workers"), "workers");
            MainSteps main = top.containsKey("main") ? attempt(() -> main(top.get("main"), "main")) : MainSteps.NONE;
            List<Listing> listings = listings(top.get("listings"), "listings");
            List<Outcome> outcomes = outcomes(top.get("outcomes"), "outcomes");
            List<Variant> variants = top.containsKey("variants") ? variants(top.get("variants")) : List.of();
            if (prediction != null) {
                checkPredictionTarget(prediction, top.get("prediction"), variants, run);
            }
            Stepping stepping = top.containsKey("stepping")
                    ? attempt(() -> stepping(top.get("stepping"), allParams, variants)) : Stepping.NONE;
            List<Challenge> challenges = top.containsKey("challenges")
                    ? attempt(() -> challenges(top.get("challenges"), variants)) : List.of();
            if (writtenSteps > Limits.MAX_WRITTEN_STEPS) {
                y.report(top.get("workers"), "workers", "the file has " + writtenSteps + " steps; a lesson may have at most "
                        + Limits.MAX_WRITTEN_STEPS + " (use repeat)");
            }
            return new Lesson(file, id, title, summary, concepts, level, narration, prediction, allParams,
                    shared == null ? SharedState.EMPTY : shared, workers, main == null ? MainSteps.NONE : main,
                    listings, variants, run, outcomes, stepping, challenges == null ? List.of() : challenges);
        }

        /** The {@code challenges} key: games where the learner schedules the workers (see docs/lesson-format.md). */
        List<Challenge> challenges(Node node, List<Variant> variants) {
            List<Node> items = y.list(node, "challenges");
            List<Challenge> out = new ArrayList<>();
            Set<String> ids = new java.util.HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String key = "challenges[" + i + "]";
                Node item = items.get(i);
                Challenge c = attempt(() -> challenge(item, key, variants));
                if (c != null) {
                    if (!ids.add(c.id())) {
                        y.report(item, key + ".id", "two challenges are called '" + c.id() + "'; give each its own id");
                    }
                    out.add(c);
                }
            }
            return out;
        }

        private Challenge challenge(Node node, String key, List<Variant> variants) {
            Map<String, Node> m = y.mapping(node, key, ordered("id", "title", "task", "goal", "when", "variant",
                    "workers", "params", "critical", "budget", "hints", "won"), ordered("id", "title", "task", "goal"));
            String id = y.name(m.get("id"), key + ".id", Names.TAG_NAME, "challenge");
            String title = y.string(m.get("title"), key + ".title");
            String task = y.string(m.get("task"), key + ".task").strip();
            Expr goal = y.expr(m.get("goal"), key + ".goal");
            Challenge.Moment moment = Challenge.Moment.AT_END;
            if (m.containsKey("when")) {
                String w = y.string(m.get("when"), key + ".when");
                moment = java.util.Arrays.stream(Challenge.Moment.values()).filter(x -> x.text().equals(w)).findFirst()
                        .orElseThrow(() -> y.fail(m.get("when"), key + ".when", "unknown moment '" + w
                                + "'; use at-end (the goal is tested once every worker has ended) or any-moment"
                                + " (tested after every step)"));
            }
            String variant = m.containsKey("variant") ? y.string(m.get("variant"), key + ".variant") : "";
            List<String> names = variants.stream().map(Variant::name).toList();
            if (!variant.isEmpty() && !names.contains(variant)) {
                throw y.fail(m.get("variant"), key + ".variant", "no variant '" + variant + "'"
                        + Names.suggest(variant, names) + (names.isEmpty() ? "; this lesson has no variants"
                        : "; variants: " + String.join(", ", names)));
            }
            int workers = m.containsKey("workers") ? count(m.get("workers"), key + ".workers", Limits.MAX_WORKERS) : 0;
            if (m.containsKey("workers") && workers < 1) {
                throw y.fail(m.get("workers"), key + ".workers", "a challenge needs at least one worker");
            }
            Map<String, Long> params = m.containsKey("params") ? variantParams(m.get("params"), key + ".params") : Map.of();
            for (var e : params.entrySet()) {
                if (e.getValue() < 0 || e.getValue() > Limits.MAX_STEPPING_PARAM) {
                    y.report(m.get("params"), key + ".params." + e.getKey(), "'" + e.getKey() + "' is " + e.getValue()
                            + "; a challenge is stepped by hand and needs small values, 0 to " + Limits.MAX_STEPPING_PARAM);
                }
            }
            List<String> critical = m.containsKey("critical") ? y.strings(m.get("critical"), key + ".critical") : List.of();
            int budget = m.containsKey("budget") ? count(m.get("budget"), key + ".budget", Limits.MAX_STORY_STEPS) : 0;
            if (m.containsKey("budget") && budget < 1) {
                throw y.fail(m.get("budget"), key + ".budget", "a budget is the most steps a win may take: at least 1");
            }
            List<String> hints = m.containsKey("hints") ? y.strings(m.get("hints"), key + ".hints") : List.of();
            String won = m.containsKey("won") ? y.string(m.get("won"), key + ".won").strip() : "";
            return new Challenge(id, title, task, goal, moment, variant, workers, params, critical, budget,
                    hints.stream().map(String::strip).toList(), won, y.pos(node, key));
        }

        /** Whether processes can share this state: no semaphores, and every queue process-shared. */
        private static boolean runsAsProcesses(SharedState shared) {
            return shared.semaphores().isEmpty() && shared.readWriteLocks().isEmpty()
                    && shared.queues().keySet().stream().allMatch(shared::isProcessShared);
        }

        /** The {@code stepping} key: smaller params and guided stories (see docs/lesson-format.md). */
        Stepping stepping(Node node, Map<String, Long> known, List<Variant> variants) {
            Map<String, Node> m = y.mapping(node, "stepping", ordered("params", "stories"), Set.of());
            Map<String, Long> params = m.containsKey("params") ? variantParams(m.get("params"), "stepping.params") : Map.of();
            Set<String> declared = new java.util.LinkedHashSet<>(known.keySet()); // the lesson's and its variants'
            variants.forEach(v -> declared.addAll(v.params().keySet()));
            for (var e : params.entrySet()) {
                if (!declared.contains(e.getKey()) || e.getKey().equals("workers")) {
                    y.report(y.keyNode(m.get("params"), e.getKey()), "stepping.params." + e.getKey(), "no param '"
                            + e.getKey() + "' in this lesson or its variants" + Names.suggest(e.getKey(), declared)
                            + "; stepping.params sets smaller values of the lesson's own params");
                } else if (e.getValue() < 0 || e.getValue() > Limits.MAX_STEPPING_PARAM) {
                    y.report(m.get("params"), "stepping.params." + e.getKey(), "'" + e.getKey() + "' is " + e.getValue()
                            + "; step mode needs small values, 0 to " + Limits.MAX_STEPPING_PARAM);
                }
            }
            List<Stepping.Story> stories = new ArrayList<>();
            if (m.containsKey("stories")) {
                List<Node> items = y.list(m.get("stories"), "stepping.stories");
                for (int i = 0; i < items.size(); i++) {
                    String key = "stepping.stories[" + i + "]";
                    Node item = items.get(i);
                    Stepping.Story s = attempt(() -> story(item, key, variants));
                    if (s != null) {
                        stories.add(s);
                    }
                }
            }
            return new Stepping(params, stories);
        }

        private Stepping.Story story(Node node, String key, List<Variant> variants) {
            Map<String, Node> m = y.mapping(node, key, ordered("title", "variant", "steps"), ordered("title", "steps"));
            String title = y.string(m.get("title"), key + ".title");
            String variant = m.containsKey("variant") ? y.string(m.get("variant"), key + ".variant") : "";
            List<String> names = variants.stream().map(Variant::name).toList();
            if (!variant.isEmpty() && !names.contains(variant)) {
                throw y.fail(m.get("variant"), key + ".variant", "no variant '" + variant + "'"
                        + Names.suggest(variant, names) + (names.isEmpty() ? "; this lesson has no variants"
                        : "; variants: " + String.join(", ", names)));
            }
            List<Node> steps = y.list(m.get("steps"), key + ".steps");
            if (steps.isEmpty()) {
                throw y.fail(m.get("steps"), key + ".steps", "a story needs at least one step");
            }
            if (steps.size() > Limits.MAX_STORY_STEPS) {
                throw y.fail(m.get("steps"), key + ".steps", "a story may have at most " + Limits.MAX_STORY_STEPS
                        + " steps; it has " + steps.size());
            }
            List<Stepping.Beat> beats = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                String k = key + ".steps[" + i + "]";
                Map<String, Node> b = y.mapping(steps.get(i), k, ordered("do", "say"), ordered("do", "say"));
                String move = y.string(b.get("do"), k + ".do").strip();
                if (!STORY_MOVE.matcher(move).matches()) {
                    throw y.fail(b.get("do"), k + ".do", "'" + move + "' is not a move; write the lane and"
                            + " optionally its step, e.g. A, A.read, adder-2.write");
                }
                beats.add(new Stepping.Beat(move, y.string(b.get("say"), k + ".say").strip(), y.pos(b.get("do"), k + ".do")));
            }
            return new Stepping.Story(title, variant, beats, y.pos(node, key));
        }

        /** Runs a part of the parse; a failure is recorded and the parse goes on with the rest. */
        private <T> T attempt(java.util.function.Supplier<T> part) {
            try {
                return part.get();
            } catch (YamlNodes.Fail f) {
                y.problems.add(f.problem);
                return null;
            }
        }

        private RunSettings defaultRun() {
            return new RunSettings("threads", MODES, 2, 1, 16, 2, Duration.ofSeconds(Limits.DEFAULT_TIMEOUT_SECONDS));
        }

        Prediction prediction(Node node) {
            Map<String, Node> m = y.mapping(node, "prediction", ordered("question", "choices", "answer", "explanation",
                    "variant", "mode", "gil", "shows"), ordered("question", "choices", "answer", "explanation"));
            List<String> choices = y.strings(m.get("choices"), "prediction.choices");
            if (choices.size() < 2) {
                throw y.fail(m.get("choices"), "prediction.choices", "a prediction needs at least two choices");
            }
            long answer = y.integer(m.get("answer"), "prediction.answer");
            if (answer < 1 || answer > choices.size()) {
                throw y.fail(m.get("answer"), "prediction.answer", "answer is the number of the right choice, 1 to "
                        + choices.size() + "; found " + answer);
            }
            List<String> variants = m.containsKey("variant") ? oneOrMore(m.get("variant"), "prediction.variant") : List.of();
            List<String> modes = List.of();
            if (m.containsKey("mode")) {
                Node mode = m.get("mode");
                modes = oneOrMore(mode, "prediction.mode");
                List<Node> items = mode instanceof SequenceNode seq ? seq.getValue() : List.of(mode);
                for (int i = 0; i < modes.size(); i++) {
                    String md = modes.get(i);
                    if (!MODES.contains(md)) {
                        throw y.fail(items.get(i), "prediction.mode", "unknown mode '" + md + "'" + Names.suggest(md, MODES)
                                + "; use one of " + String.join(", ", MODES));
                    }
                }
            }
            Boolean gil = m.containsKey("gil") ? y.bool(m.get("gil"), "prediction.gil") : null;
            Expr shows = m.containsKey("shows") ? y.expr(m.get("shows"), "prediction.shows") : null;
            return new Prediction(y.string(m.get("question"), "prediction.question"), choices, (int) answer - 1,
                    y.markdown(m.get("explanation"), "prediction.explanation"), variants, modes, gil, shows,
                    shows != null ? y.pos(m.get("shows"), "prediction.shows") : y.pos(node, "prediction"));
        }

        /** One name, or a list of names. */
        private List<String> oneOrMore(Node node, String key) {
            return node instanceof SequenceNode ? y.strings(node, key) : List.of(y.string(node, key));
        }

        /** The prediction's variant is one of the lesson's, and its modes are ones the lesson runs in. */
        private void checkPredictionTarget(Prediction p, Node node, List<Variant> variants, RunSettings run) {
            Map<String, Node> m = y.mapping(node, "prediction", null, Set.of());
            List<String> names = variants.stream().map(Variant::name).toList();
            Node variantNode = m.get("variant");
            List<Node> items = variantNode instanceof SequenceNode seq ? seq.getValue() : java.util.Collections.nCopies(
                    p.variants().size(), variantNode);
            for (int i = 0; i < p.variants().size(); i++) {
                String variant = p.variants().get(i);
                if (!names.contains(variant)) {
                    y.report(items.get(i), "prediction.variant", names.isEmpty()
                            ? "the lesson has no variants, so the prediction cannot name one; remove prediction.variant"
                            : "unknown variant '" + variant + "'" + Names.suggest(variant, names)
                                    + "; the lesson has: " + String.join(", ", names));
                }
            }
            for (String mode : p.modes()) {
                if (!run.modes().contains(mode)) {
                    y.report(m.get("mode"), "prediction.mode", "the lesson does not run in mode '" + mode
                            + "'; its modes are: " + String.join(", ", run.modes()));
                }
            }
            List<String> modes = p.modes().isEmpty() ? List.of(run.mode()) : p.modes();
            if (Boolean.TRUE.equals(p.gil()) && !modes.contains("threads")) {
                y.report(m.get("gil"), "prediction.gil", "the simulated GIL runs only in mode threads,"
                        + " which is not among the modes the prediction is about (" + String.join(", ", modes) + ")");
            }
        }

        Map<String, Long> params(Node node, String key) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (var e : y.freeMapping(node, key).entrySet()) {
                String k = key + "." + e.getKey();
                if (!Names.VALUE_NAME.matcher(e.getKey()).matches()) {
                    y.report(y.keyNode(node, e.getKey()), k, "'" + e.getKey()
                            + "' is not a valid param name; use letters, digits and _");
                    continue;
                }
                try {
                    out.put(e.getKey(), y.integer(e.getValue(), k));
                } catch (YamlNodes.Fail f) {
                    y.problems.add(f.problem);
                }
            }
            return out;
        }

        private Map<String, Long> variantParams(Node node, String key) {
            Map<String, Long> p = params(node, key);
            if (p.containsKey("workers")) {
                y.report(y.keyNode(node, "workers"), key + ".workers", "'workers' is set by run.workers, not by params");
                p.remove("workers");
            }
            return p;
        }

        RunSettings run(Node node) {
            Map<String, Node> m = y.mapping(node, "run", ordered("mode", "modes", "workers", "pool-size", "timeout"), Set.of());
            modesWritten = m.containsKey("modes");
            List<String> modes = modesWritten ? y.strings(m.get("modes"), "run.modes") : MODES;
            if (modes.isEmpty()) {
                throw y.fail(m.get("modes"), "run.modes", "list at least one mode: " + String.join(", ", MODES));
            }
            for (int i = 0; i < modes.size(); i++) {
                if (!MODES.contains(modes.get(i))) {
                    y.report(y.list(m.get("modes"), "run.modes").get(i), "run.modes[" + i + "]",
                            "unknown mode '" + modes.get(i) + "'" + Names.suggest(modes.get(i), MODES)
                                    + "; modes: " + String.join(", ", MODES));
                }
            }
            String mode = m.containsKey("mode") ? y.string(m.get("mode"), "run.mode")
                    : modes.contains("threads") ? "threads" : modes.get(0);
            if (!modes.contains(mode)) {
                throw y.fail(m.get("mode"), "run.mode", "mode '" + mode + "' is not one of this lesson's modes: "
                        + String.join(", ", modes));
            }
            int workers = 2;
            int min = 1;
            int max = 16;
            if (m.containsKey("workers")) {
                Node w = m.get("workers");
                if (w instanceof MappingNode) {
                    Map<String, Node> wm = y.mapping(w, "run.workers", ordered("default", "min", "max"), ordered("default"));
                    workers = count(wm.get("default"), "run.workers.default", Limits.MAX_WORKERS);
                    min = wm.containsKey("min") ? count(wm.get("min"), "run.workers.min", Limits.MAX_WORKERS) : 1;
                    max = wm.containsKey("max") ? count(wm.get("max"), "run.workers.max", Limits.MAX_WORKERS)
                            : Math.max(workers, 16);
                } else {
                    workers = count(w, "run.workers", Limits.MAX_WORKERS);
                    max = Math.max(workers, 16);
                }
                if (min < 1 || min > workers || workers > max) {
                    throw y.fail(w, "run.workers", "need 1 <= min <= default <= max; found min " + min
                            + ", default " + workers + ", max " + max);
                }
            }
            int pool = m.containsKey("pool-size") ? count(m.get("pool-size"), "run.pool-size", 1024) : 2;
            if (pool < 1) {
                throw y.fail(m.get("pool-size"), "run.pool-size", "a pool needs at least one thread");
            }
            Duration timeout = Duration.ofSeconds(Limits.DEFAULT_TIMEOUT_SECONDS);
            if (m.containsKey("timeout")) {
                if (!(m.get("timeout") instanceof org.snakeyaml.engine.v2.nodes.ScalarNode sn)
                        || !org.snakeyaml.engine.v2.nodes.Tag.STR.equals(sn.getTag())) {
                    throw y.fail(m.get("timeout"), "run.timeout", "write the timeout with its unit, e.g. 60s or 500ms");
                }
                Expr t = y.millis(m.get("timeout"), "run.timeout");
                if (!(t instanceof Expr.Num n) || n.value() <= 0 || n.value() > Limits.MAX_TIMEOUT_SECONDS * 1000) {
                    throw y.fail(m.get("timeout"), "run.timeout", "timeout must be a duration between 1ms and "
                            + Limits.MAX_TIMEOUT_SECONDS + "s, e.g. 60s");
                }
                timeout = Duration.ofMillis(n.value());
            }
            return new RunSettings(mode, modes, workers, min, max, pool, timeout);
        }

        private int count(Node node, String key, int limit) {
            long v = y.integer(node, key);
            if (v < 0) {
                throw y.fail(node, key, "must not be negative; found " + v);
            }
            if (v > limit) {
                throw y.fail(node, key, v + " is more than the limit of " + limit);
            }
            return (int) v;
        }

        SharedState shared(Node node, String key) {
            Map<String, Node> m = y.mapping(node, key, ordered("variables", "locks", "read-write-locks", "semaphores",
                    "queues", "conditions", "process-shared"), Set.of());
            Map<String, Long> vars = new LinkedHashMap<>();
            if (m.containsKey("variables")) {
                Node vn = m.get("variables");
                for (var e : y.freeMapping(vn, key + ".variables").entrySet()) {
                    String k = key + ".variables." + e.getKey();
                    if (!Names.VALUE_NAME.matcher(e.getKey()).matches()) {
                        y.report(y.keyNode(vn, e.getKey()), k, "'" + e.getKey()
                                + "' is not a valid variable name; use letters, digits and _");
                        continue;
                    }
                    vars.put(e.getKey(), y.integer(e.getValue(), k));
                }
            }
            List<String> locks = new ArrayList<>();
            if (m.containsKey("locks")) {
                List<Node> items = y.list(m.get("locks"), key + ".locks");
                for (int i = 0; i < items.size(); i++) {
                    String lock = y.name(items.get(i), key + ".locks[" + i + "]", Names.TAG_NAME, "lock");
                    if (locks.contains(lock)) {
                        y.report(items.get(i), key + ".locks[" + i + "]", "lock '" + lock + "' is declared twice");
                    }
                    locks.add(lock);
                }
            }
            Map<String, ReadWritePolicy> readWriteLocks = readWriteLocks(m, key, locks);
            Map<String, Long> semaphores = counts(m, "semaphores", key, "permits", 0);
            Map<String, Long> queues = counts(m, "queues", key, "capacity", 1);
            List<String> processShared = new ArrayList<>();
            if (m.containsKey("process-shared")) {
                List<Node> items = y.list(m.get("process-shared"), key + ".process-shared");
                List<String> declared = new ArrayList<>(vars.keySet());
                declared.addAll(locks);
                declared.addAll(queues.keySet());
                for (int i = 0; i < items.size(); i++) {
                    String k = key + ".process-shared[" + i + "]";
                    String name = y.string(items.get(i), k);
                    if (semaphores.containsKey(name)) {
                        y.report(items.get(i), k, "semaphore '" + name + "' cannot be shared between processes;"
                                + " semaphores work in the thread modes only");
                    } else if (readWriteLocks.containsKey(name)) {
                        y.report(items.get(i), k, "read-write lock '" + name + "' cannot be shared between processes;"
                                + " read-write locks work in the thread modes only");
                    } else if (vars.containsKey(name) && queues.containsKey(name)) {
                        y.report(items.get(i), k, "'" + name + "' names both a variable and a queue; rename one");
                    } else if (!declared.contains(name)) {
                        y.report(items.get(i), k, "'" + name + "' is not a variable, lock or queue declared in this"
                                + " shared block" + Names.suggest(name, declared));
                    } else if (processShared.contains(name)) {
                        y.report(items.get(i), k, "'" + name + "' is listed twice");
                    } else {
                        processShared.add(name);
                    }
                }
            }
            List<String> taken = new ArrayList<>(locks);
            taken.addAll(readWriteLocks.keySet());
            for (String name : semaphores.keySet()) {
                if (taken.contains(name)) {
                    y.report(y.keyNode(m.get("semaphores"), name), key + ".semaphores." + name, "'" + name
                            + "' is already the name of a lock");
                }
                taken.add(name);
            }
            for (String name : queues.keySet()) {
                if (taken.contains(name)) {
                    y.report(y.keyNode(m.get("queues"), name), key + ".queues." + name, "'" + name
                            + "' is already the name of a lock or semaphore");
                }
                taken.add(name);
            }
            Map<String, String> conditions = conditions(m, key, locks, taken);
            List<String> allLocks = new ArrayList<>(locks);
            readWriteLocks.keySet().forEach(rw -> allLocks.addAll(List.of(SharedState.readSide(rw), SharedState.writeSide(rw))));
            return new SharedState(vars, allLocks, processShared, semaphores, queues, conditions, readWriteLocks);
        }

        /**
         * {@code read-write-locks:}, either a list of names (each Java's default, non-fair lock) or a
         * mapping of name to its kind: {@code non-fair}, {@code fair} or {@code readers-first}.
         */
        private Map<String, ReadWritePolicy> readWriteLocks(Map<String, Node> m, String key, List<String> locks) {
            Map<String, ReadWritePolicy> out = new LinkedHashMap<>();
            if (!m.containsKey("read-write-locks")) {
                return out;
            }
            Node node = m.get("read-write-locks");
            String k = key + ".read-write-locks";
            Map<String, Node> items = new LinkedHashMap<>();
            Map<String, Node> nameNodes = new LinkedHashMap<>();
            if (node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
                List<Node> list = y.list(node, k);
                for (int i = 0; i < list.size(); i++) {
                    String name = y.string(list.get(i), k + "[" + i + "]");
                    if (nameNodes.containsKey(name)) {
                        y.report(list.get(i), k + "[" + i + "]", "read-write lock '" + name + "' is declared twice");
                    }
                    nameNodes.put(name, list.get(i));
                    items.put(name, null);
                }
            } else {
                for (var e : y.freeMapping(node, k).entrySet()) {
                    nameNodes.put(e.getKey(), y.keyNode(node, e.getKey()));
                    items.put(e.getKey(), e.getValue());
                }
            }
            for (var e : items.entrySet()) {
                String name = e.getKey();
                String at = k + "." + name;
                if (!Names.TAG_NAME.matcher(name).matches()) {
                    y.report(nameNodes.get(name), at, "'" + name + "' is not a valid name; use lower-case letters,"
                            + " digits and -");
                    continue;
                }
                if (locks.contains(name)) {
                    y.report(nameNodes.get(name), at, "'" + name + "' is already the name of a lock under locks;"
                            + " a lock is either plain or read-write");
                    continue;
                }
                ReadWritePolicy policy = ReadWritePolicy.NON_FAIR;
                if (e.getValue() != null) {
                    String written = y.string(e.getValue(), at);
                    policy = ReadWritePolicy.of(written);
                    if (policy == null) {
                        y.report(e.getValue(), at, "unknown kind of read-write lock '" + written + "'; use non-fair"
                                + " (Java's new ReentrantReadWriteLock()), fair (new ReentrantReadWriteLock(true))"
                                + " or readers-first (the textbook lock built on a condition)");
                        continue;
                    }
                }
                out.put(name, policy);
            }
            return out;
        }

        /** {@code conditions:}, a mapping of condition name to the declared lock it belongs to. */
        private Map<String, String> conditions(Map<String, Node> m, String key, List<String> locks, List<String> taken) {
            Map<String, String> out = new LinkedHashMap<>();
            if (!m.containsKey("conditions")) {
                return out;
            }
            Node node = m.get("conditions");
            for (var e : y.freeMapping(node, key + ".conditions").entrySet()) {
                String k = key + ".conditions." + e.getKey();
                if (!Names.TAG_NAME.matcher(e.getKey()).matches()) {
                    y.report(y.keyNode(node, e.getKey()), k, "'" + e.getKey() + "' is not a valid name; use lower-case"
                            + " letters, digits and -");
                    continue;
                }
                if (taken.contains(e.getKey())) {
                    y.report(y.keyNode(node, e.getKey()), k, "'" + e.getKey()
                            + "' is already the name of a lock, semaphore or queue");
                    continue;
                }
                String lock = y.string(e.getValue(), k);
                if (!locks.contains(lock)) {
                    y.report(e.getValue(), k, "condition '" + e.getKey() + "' belongs to lock '" + lock
                            + "', which is not declared under shared.locks" + Names.suggest(lock, locks)
                            + "; a condition is made from a lock, as lock.newCondition() or threading.Condition(lock)");
                    continue;
                }
                out.put(e.getKey(), lock);
            }
            return out;
        }

        /** {@code semaphores:} or {@code queues:}, a mapping of name to a count of at least {@code min}. */
        private Map<String, Long> counts(Map<String, Node> m, String what, String key, String unit, long min) {
            Map<String, Long> out = new LinkedHashMap<>();
            if (!m.containsKey(what)) {
                return out;
            }
            Node node = m.get(what);
            for (var e : y.freeMapping(node, key + "." + what).entrySet()) {
                String k = key + "." + what + "." + e.getKey();
                if (!Names.TAG_NAME.matcher(e.getKey()).matches()) {
                    y.report(y.keyNode(node, e.getKey()), k, "'" + e.getKey() + "' is not a valid name; use lower-case"
                            + " letters, digits and -");
                    continue;
                }
                long n = y.integer(e.getValue(), k);
                if (n < min || n > Limits.MAX_SYNC_COUNT) {
                    y.report(e.getValue(), k, unit + " must be " + min + " to " + Limits.MAX_SYNC_COUNT + "; found " + n);
                    continue;
                }
                out.put(e.getKey(), n);
            }
            return out;
        }

        List<Worker> workers(Node node, String key) {
            List<Worker> out = new ArrayList<>();
            List<Node> items = y.list(node, key);
            if (items.isEmpty()) {
                throw y.fail(node, key, "a lesson needs at least one worker");
            }
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String k = key + "[" + i + "]";
                try {
                    Map<String, Node> m = y.mapping(items.get(i), k, ordered("name", "copies", "steps"), ordered("name", "steps"));
                    String name = y.name(m.get("name"), k + ".name", Names.TAG_NAME, "worker");
                    if (!names.add(name) || name.equals("main")) {
                        y.report(m.get("name"), k + ".name", name.equals("main")
                                ? "'main' is the main thread's lane; give the worker another name"
                                : "two workers are named '" + name + "'");
                    }
                    Expr copies = m.containsKey("copies") ? y.expr(m.get("copies"), k + ".copies") : Expr.constant(1);
                    List<Step> steps = steps(m.get("steps"), k + ".steps", 1);
                    out.add(new Worker(name, copies, steps, y.pos(items.get(i), k)));
                } catch (YamlNodes.Fail f) {
                    y.problems.add(f.problem);
                }
            }
            return out;
        }

        MainSteps main(Node node, String key) {
            Map<String, Node> m = y.mapping(node, key, ordered("before", "during", "after"), Set.of());
            List<Step> before = m.containsKey("before") ? steps(m.get("before"), key + ".before", 1) : List.of();
            List<Step> during = m.containsKey("during") ? steps(m.get("during"), key + ".during", 1) : List.of();
            List<Step> after = m.containsKey("after") ? steps(m.get("after"), key + ".after", 1) : List.of();
            return new MainSteps(before, during, after);
        }

        List<Step> steps(Node node, String key, int depth) {
            List<Step> out = new ArrayList<>();
            List<Node> items = y.list(node, key);
            for (int i = 0; i < items.size(); i++) {
                String k = key + "[" + i + "]";
                try {
                    out.add(step(items.get(i), k, depth));
                } catch (YamlNodes.Fail f) {
                    y.problems.add(f.problem);
                }
            }
            return out;
        }

        Step step(Node node, String key, int depth) {
            writtenSteps++;
            if (!(node instanceof MappingNode m)) {
                throw y.fail(node, key, "a step is a mapping such as '- read: counter', found " + YamlNodes.describe(node));
            }
            List<String> kinds = new ArrayList<>();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode k && STEP_KINDS.contains(k.getValue())) {
                    kinds.add(k.getValue());
                }
            }
            if (kinds.isEmpty()) {
                String first = m.getValue().isEmpty() ? ""
                        : ((org.snakeyaml.engine.v2.nodes.ScalarNode) m.getValue().get(0).getKeyNode()).getValue();
                throw y.fail(m.getValue().isEmpty() ? node : m.getValue().get(0).getKeyNode(), key,
                        "unknown step kind '" + first + "'" + Names.suggest(first, STEP_KINDS)
                                + "; steps: " + String.join(", ", STEP_KINDS));
            }
            if (kinds.size() > 1) {
                throw y.fail(node, key, "one step per list item; found " + String.join(" and ", kinds)
                        + " together (start each with its own '- ')");
            }
            String kind = kinds.get(0);
            Set<String> allowed = new LinkedHashSet<>();
            allowed.add(kind);
            allowed.addAll(STEP_OPTIONS.get(kind));
            allowed.add("mark");
            Map<String, Node> s = y.mapping(node, key, allowed, Set.of());
            String k = key + "." + kind;
            Node arg = s.get(kind);
            Pos pos = y.pos(y.keyNode(node, kind), k);
            String mark = s.containsKey("mark") ? y.name(s.get("mark"), key + ".mark", Names.TAG_NAME, "mark") : "";
            if (depth > Limits.MAX_BLOCK_DEPTH && (kind.equals("repeat") || kind.equals("if") || kind.startsWith("with-"))) {
                throw y.fail(node, key, "blocks are nested more than " + Limits.MAX_BLOCK_DEPTH + " deep");
            }
            return switch (kind) {
                case "compute" -> compute(s, arg, k, key, pos, mark);
                case "sleep" -> new Step.Sleep(y.millis(arg, k), pos, mark);
                case "download" -> new Step.Download(y.millis(arg, k),
                        s.containsKey("bytes") ? y.expr(s.get("bytes"), key + ".bytes") : Expr.constant(16 * 1024),
                        local(s, "into", key, ""), pos, mark);
                case "print" -> new Step.Print(y.string(arg, k), pos, mark);
                case "read" -> new Step.Read(y.name(arg, k, Names.VALUE_NAME, "variable"),
                        local(s, "into", key, DEFAULT_LOCAL), pos, mark);
                case "add" -> new Step.Add(local(s, "to", key, DEFAULT_LOCAL), y.expr(arg, k), pos, mark);
                case "write" -> new Step.Write(y.name(arg, k, Names.VALUE_NAME, "variable"),
                        local(s, "from", key, DEFAULT_LOCAL), pos, mark);
                case "increment" -> new Step.Increment(y.name(arg, k, Names.VALUE_NAME, "variable"),
                        s.containsKey("by") ? y.expr(s.get("by"), key + ".by") : Expr.constant(1),
                        s.containsKey("atomic") && y.bool(s.get("atomic"), key + ".atomic"),
                        local(s, "local", key, DEFAULT_LOCAL), pos, mark);
                case "lock" -> new Step.Lock(y.name(arg, k, Names.TAG_NAME, "lock"), pos, mark);
                case "unlock" -> new Step.Unlock(y.name(arg, k, Names.TAG_NAME, "lock"), pos, mark);
                case "with-lock" -> new Step.WithLock(y.name(arg, k, Names.TAG_NAME, "lock"),
                        block(s, node, key, depth), pos, mark);
                case "with-permit" -> new Step.WithPermit(y.name(arg, k, Names.TAG_NAME, "semaphore"),
                        block(s, node, key, depth), pos, mark);
                case "read-lock", "write-lock" -> new Step.RwLock(y.name(arg, k, Names.TAG_NAME, "read-write lock"),
                        kind.startsWith("write"), pos, mark);
                case "read-unlock", "write-unlock" -> new Step.RwUnlock(y.name(arg, k, Names.TAG_NAME,
                        "read-write lock"), kind.startsWith("write"), pos, mark);
                case "with-read-lock", "with-write-lock" -> new Step.WithRwLock(y.name(arg, k, Names.TAG_NAME,
                        "read-write lock"), kind.equals("with-write-lock"), block(s, node, key, depth), pos, mark);
                case "put" -> {
                    if (!s.containsKey("value")) {
                        throw y.fail(node, key, "missing 'value:' with what to put on the queue, e.g. value: i");
                    }
                    yield new Step.Put(y.name(arg, k, Names.TAG_NAME, "queue"), y.expr(s.get("value"), key + ".value"),
                            pos, mark);
                }
                case "take" -> new Step.Take(y.name(arg, k, Names.TAG_NAME, "queue"), local(s, "into", key, "item"),
                        pos, mark);
                case "wait" -> {
                    if (!s.containsKey("until")) {
                        throw y.fail(node, key, "missing 'until:' with what the worker waits for, e.g. until: count > 0;"
                                + " a wait re-checks it each time it is woken, like while (!until) cond.wait()");
                    }
                    yield new Step.Wait(y.name(arg, k, Names.TAG_NAME, "condition"), y.expr(s.get("until"), key + ".until"),
                            pos, mark);
                }
                case "notify" -> new Step.Notify(y.name(arg, k, Names.TAG_NAME, "condition"), false, pos, mark);
                case "notify-all" -> new Step.Notify(y.name(arg, k, Names.TAG_NAME, "condition"), true, pos, mark);
                case "repeat" -> new Step.Repeat(y.expr(arg, k), local(s, "as", key, ""), block(s, node, key, depth),
                        pos, mark);
                case "if" -> ifStep(s, node, arg, key, k, depth, pos, mark);
                case "return" -> new Step.Return(y.expr(arg, k), pos, mark);
                case "spin-until" -> new Step.Spin(y.name(arg, k, Names.VALUE_NAME, "variable"),
                        s.containsKey("volatile") && y.bool(s.get("volatile"), key + ".volatile"), pos, mark);
                default -> throw new IllegalStateException(kind);
            };
        }

        private List<Step> block(Map<String, Node> s, Node node, String key, int depth) {
            if (!s.containsKey("steps")) {
                throw y.fail(node, key, "missing 'steps:' with the steps this block runs");
            }
            return steps(s.get("steps"), key + ".steps", depth + 1);
        }

        /** {@code if: condition} with {@code then:} steps and optional {@code else:} steps. */
        private Step ifStep(Map<String, Node> s, Node node, Node arg, String key, String k, int depth, Pos pos,
                            String mark) {
            if (arg instanceof org.snakeyaml.engine.v2.nodes.ScalarNode c
                    && (c.getValue().isBlank() || org.snakeyaml.engine.v2.nodes.Tag.NULL.equals(c.getTag()))) {
                throw y.fail(y.keyNode(node, "if"), k, "missing condition after 'if:', e.g. if: seen >= amount"
                        + " (over this worker's locals and params; read a shared variable into a local first)");
            }
            Expr condition = y.expr(arg, k);
            if (!s.containsKey("then")) {
                throw y.fail(node, key, "missing 'then:' with the steps to run when " + condition.text() + " holds");
            }
            List<Step> then = branch(s.get("then"), key + ".then", depth);
            List<Step> otherwise = s.containsKey("else") ? branch(s.get("else"), key + ".else", depth) : List.of();
            return new Step.If(condition, then, otherwise, pos, mark);
        }

        private List<Step> branch(Node node, String key, int depth) {
            List<Step> steps = steps(node, key, depth + 1);
            if (steps.isEmpty() && y.list(node, key).isEmpty()) {
                throw y.fail(node, key, key.endsWith(".then")
                        ? "'then:' has no steps; give it at least one (to act only when the condition is false,"
                                + " write the opposite condition, e.g. if: !(seen >= amount))"
                        : "'else:' has no steps; give it at least one, or leave it out");
            }
            return steps;
        }

        private String local(Map<String, Node> s, String option, String key, String fallback) {
            return s.containsKey(option) ? y.name(s.get(option), key + "." + option, Names.VALUE_NAME, "local") : fallback;
        }

        private Step compute(Map<String, Node> s, Node arg, String k, String key, Pos pos, String mark) {
            String fn = y.string(arg, k);
            String into = local(s, "into", key, "result");
            switch (fn) {
                case "sum-of-squares" -> {
                    require(s, key, arg, "from", "to");
                    forbid(s, key, fn, "base", "exponent");
                    return new Step.Compute(Step.ComputeFunction.SUM_OF_SQUARES, y.expr(s.get("from"), key + ".from"),
                            y.expr(s.get("to"), key + ".to"), into, pos, mark);
                }
                case "power" -> {
                    require(s, key, arg, "base", "exponent");
                    forbid(s, key, fn, "from", "to");
                    return new Step.Compute(Step.ComputeFunction.POWER, y.expr(s.get("base"), key + ".base"),
                            y.expr(s.get("exponent"), key + ".exponent"), into, pos, mark);
                }
                default -> throw y.fail(arg, k, "unknown compute function '" + fn + "'"
                        + Names.suggest(fn, List.of("sum-of-squares", "power")) + "; use sum-of-squares or power");
            }
        }

        private void require(Map<String, Node> s, String key, Node at, String... options) {
            for (String o : options) {
                if (!s.containsKey(o)) {
                    throw y.fail(at, key, "this step needs '" + o + ":'");
                }
            }
        }

        private void forbid(Map<String, Node> s, String key, String fn, String... options) {
            for (String o : options) {
                if (s.containsKey(o)) {
                    throw y.fail(s.get(o), key + "." + o, "'" + o + "' does not apply to " + fn);
                }
            }
        }

        List<Listing> listings(Node node, String key) {
            Map<String, Node> m = y.mapping(node, key, ordered("java", "python", "python-run"), ordered("java"));
            List<Listing> out = new ArrayList<>();
            for (var e : m.entrySet()) {
                if (e.getKey().equals("python-run")) {
                    if (!m.containsKey("python")) {
                        throw y.fail(y.keyNode(node, "python-run"), key + ".python-run", "there is no Python listing to run;"
                                + " add python: beside java:");
                    }
                    continue;
                }
                Listing l = listing(e.getKey(), y.string(e.getValue(), key + "." + e.getKey()));
                if (e.getKey().equals("python") && m.containsKey("python-run")) {
                    l = new Listing(l.language(), l.lines(), l.marks(), pythonRun(m.get("python-run"), key + ".python-run", l));
                }
                out.add(l);
            }
            return out;
        }

        /** {@code python-run:}, checked against the Python listing it runs: every option it passes is in it. */
        PythonRun pythonRun(Node node, String key, Listing python) {
            Map<String, Node> m = y.mapping(node, key, ordered("counts", "scale", "server", "hangs", "modes", "timeout"),
                    ordered());
            String code = python.code();
            Map<String, Long> counts = new LinkedHashMap<>();
            if (m.containsKey("counts")) {
                for (var e : y.freeMapping(m.get("counts"), key + ".counts").entrySet()) {
                    String k = key + ".counts." + e.getKey();
                    Node name = y.keyNode(m.get("counts"), e.getKey());
                    if (!e.getKey().matches("[a-z][a-z0-9_-]*")) {
                        throw y.fail(name, k, "'" + e.getKey() + "' is not an option name; use lower-case letters,"
                                + " digits, - and _ (the listing reads it as --" + e.getKey() + ")");
                    }
                    long value = y.integer(e.getValue(), k);
                    if (value < 1) {
                        throw y.fail(e.getValue(), k, "a count is at least 1, not " + value);
                    }
                    if (!mentionsOption(code, e.getKey())) {
                        throw y.fail(name, k, "the Python listing has no option --" + e.getKey()
                                + "; it should read its counts from the command line, e.g."
                                + " parser.add_argument(\"--" + e.getKey() + "\", type=int, default=" + value + ")");
                    }
                    counts.put(e.getKey(), value);
                }
            }
            long scale = 1;
            if (m.containsKey("scale")) {
                scale = y.integer(m.get("scale"), key + ".scale");
                if (scale < 1) {
                    throw y.fail(m.get("scale"), key + ".scale", "the scale divides the counts: at least 1, not " + scale);
                }
            }
            boolean server = m.containsKey("server") && y.bool(m.get("server"), key + ".server");
            if (server && !mentionsOption(code, "server")) {
                throw y.fail(m.get("server"), key + ".server", "the Python listing has no option --server; it should"
                        + " take the test server's address from the command line (default http://127.0.0.1:8000)");
            }
            String hangs = "";
            if (m.containsKey("hangs")) {
                hangs = y.string(m.get("hangs"), key + ".hangs");
                if (!PythonRun.HANG_KINDS.contains(hangs)) {
                    throw y.fail(m.get("hangs"), key + ".hangs", "unknown kind '" + hangs + "'"
                            + Names.suggest(hangs, PythonRun.HANG_KINDS) + "; use " + String.join(" or ", PythonRun.HANG_KINDS));
                }
            }
            List<String> modes = m.containsKey("modes") ? y.strings(m.get("modes"), key + ".modes") : List.of();
            for (int i = 0; i < modes.size(); i++) {
                if (!PythonRun.MODES.contains(modes.get(i))) {
                    throw y.fail(y.list(m.get("modes"), key + ".modes").get(i), key + ".modes[" + i + "]",
                            "unknown mode '" + modes.get(i) + "'" + Names.suggest(modes.get(i), PythonRun.MODES)
                                    + "; use " + String.join(", ", PythonRun.MODES));
                }
            }
            if (!modes.isEmpty() && !mentionsOption(code, "mode")) {
                throw y.fail(m.get("modes"), key + ".modes", "the Python listing has no option --mode; it should"
                        + " choose how it runs with --mode " + String.join("|", modes));
            }
            int timeout = PythonRun.DEFAULT_TIMEOUT_SECONDS;
            if (m.containsKey("timeout")) {
                long t = y.integer(m.get("timeout"), key + ".timeout");
                if (t < 1 || t > 600) {
                    throw y.fail(m.get("timeout"), key + ".timeout", "a timeout is 1 to 600 seconds, not " + t);
                }
                timeout = (int) t;
            }
            return new PythonRun(counts, scale, server, hangs, modes, timeout);
        }

        /** Whether Python code names the command-line option {@code --name} in a string. */
        private static boolean mentionsOption(String code, String name) {
            return code.contains("\"--" + name + "\"") || code.contains("'--" + name + "'");
        }

        static Listing listing(String language, String code) {
            List<String> lines = new ArrayList<>();
            Map<String, Integer> marks = new LinkedHashMap<>();
            String[] raw = code.stripTrailing().split("\n", -1);
            for (int i = 0; i < raw.length; i++) {
                Matcher mm = MARKER.matcher(raw[i]);
                if (mm.find()) {
                    marks.putIfAbsent(mm.group(1), i + 1);
                    lines.add(raw[i].substring(0, mm.start()));
                } else {
                    lines.add(raw[i]);
                }
            }
            return new Listing(language, lines, marks);
        }

        List<Outcome> outcomes(Node node, String key) {
            List<Outcome> out = new ArrayList<>();
            List<Node> items = y.list(node, key);
            if (items.isEmpty()) {
                throw y.fail(node, key, "a lesson needs at least one outcome");
            }
            for (int i = 0; i < items.size(); i++) {
                String k = key + "[" + i + "]";
                try {
                    Map<String, Node> m = y.mapping(items.get(i), k, ordered("when", "grade", "text"),
                            ordered("when", "grade", "text"));
                    String g = y.string(m.get("grade"), k + ".grade");
                    Grade grade;
                    try {
                        grade = Grade.valueOf(g.toUpperCase(java.util.Locale.ROOT));
                        if (grade == Grade.UNEXPECTED || grade == Grade.NOT_GRADED) {
                            throw new IllegalArgumentException();
                        }
                    } catch (IllegalArgumentException e) {
                        throw y.fail(m.get("grade"), k + ".grade", "unknown grade '" + g + "'"
                                + Names.suggest(g, List.of("acceptable", "interesting", "forbidden"))
                                + "; use acceptable, interesting or forbidden");
                    }
                    out.add(new Outcome(y.expr(m.get("when"), k + ".when"), grade, y.string(m.get("text"), k + ".text"),
                            y.pos(m.get("when"), k + ".when")));
                } catch (YamlNodes.Fail f) {
                    y.problems.add(f.problem);
                }
            }
            return out;
        }

        List<Variant> variants(Node node) {
            List<Variant> out = new ArrayList<>();
            for (var e : y.freeMapping(node, "variants").entrySet()) {
                String name = e.getKey();
                String k = "variants." + name;
                try {
                    if (!Names.TAG_NAME.matcher(name).matches()) {
                        throw y.fail(y.keyNode(node, name), k, "'" + name
                                + "' is not a valid variant name; use lower-case letters, digits and -");
                    }
                    Map<String, Node> m = y.mapping(e.getValue(), k, ordered("title", "description", "params", "shared",
                            "workers", "main", "listings", "outcomes"), ordered("title"));
                    out.add(new Variant(name, y.string(m.get("title"), k + ".title"),
                            m.containsKey("description") ? y.string(m.get("description"), k + ".description") : "",
                            m.containsKey("params") ? variantParams(m.get("params"), k + ".params") : Map.of(),
                            m.containsKey("shared") ? shared(m.get("shared"), k + ".shared") : null,
                            m.containsKey("workers") ? workers(m.get("workers"), k + ".workers") : null,
                            m.containsKey("main") ? main(m.get("main"), k + ".main") : null,
                            m.containsKey("listings") ? listings(m.get("listings"), k + ".listings") : null,
                            m.containsKey("outcomes") ? outcomes(m.get("outcomes"), k + ".outcomes") : null));
                } catch (YamlNodes.Fail f) {
                    y.problems.add(f.problem);
                }
            }
            return out;
        }
    }
}
