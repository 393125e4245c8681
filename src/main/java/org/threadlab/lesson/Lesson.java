package org.threadlab.lesson;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, checked lesson. The lesson as written is its base; {@link #resolve(String)} applies a
 * variant.
 *
 * @param params   named integers the lesson's counts refer to; {@code workers} is always present
 * @param variants in file order; the first is the default
 * @param stepping params and guided stories for step mode ({@link Stepping#NONE} when the file has none)
 * @param challenges games in step mode where the learner schedules the workers, in file order
 */
public record Lesson(Path source, String id, String title, String summary, List<String> concepts, Level level,
                     String narration, Prediction prediction, Map<String, Long> params, SharedState shared,
                     List<Worker> workers, MainSteps main, List<Listing> listings, List<Variant> variants,
                     RunSettings run, List<Outcome> outcomes, Stepping stepping,
                     List<Challenge> challenges) {

    public Lesson {
        concepts = List.copyOf(concepts);
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        workers = List.copyOf(workers);
        listings = List.copyOf(listings);
        variants = List.copyOf(variants);
        outcomes = List.copyOf(outcomes);
        stepping = stepping == null ? Stepping.NONE : stepping;
        challenges = challenges == null ? List.of() : List.copyOf(challenges);
    }

    /** The challenge with this id. */
    public Optional<Challenge> challenge(String challengeId) {
        return challenges.stream().filter(c -> c.id().equals(challengeId)).findFirst();
    }

    public Optional<Variant> variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** Name of the default variant, or {@code ""} if the lesson has none. */
    public String defaultVariant() {
        return variants.isEmpty() ? "" : variants.get(0).name();
    }

    /**
     * The first outcome whose condition holds over a final state (params and shared variables by
     * name), as a run is graded; empty when none does.
     */
    public Optional<Outcome> outcomeFor(Map<String, Long> finalState) {
        return outcomes.stream().filter(o -> o.when().eval(finalState::get) != 0).findFirst();
    }

    /**
     * The variants the prediction asks about: the ones it names, else the default variant (none
     * for a lesson without variants or without a prediction). Meant for the lesson as written, not
     * a resolved one.
     */
    public List<String> predictionVariants() {
        if (prediction != null && !prediction.variants().isEmpty()) {
            return prediction.variants();
        }
        return variants.isEmpty() ? List.of() : List.of(defaultVariant());
    }

    /** The modes whose runs answer the prediction: the ones it names, else the lesson's default mode. */
    public List<String> predictionModes() {
        return prediction == null || prediction.modes().isEmpty() ? List.of(run.mode()) : prediction.modes();
    }

    public Optional<Listing> listing(String language) {
        return listings.stream().filter(l -> l.language().equals(language)).findFirst();
    }

    /**
     * The params step mode and exploration use for a variant: the lesson's {@code stepping.params}
     * that the variant has (a param one variant alone declares is left out for the others).
     */
    public Map<String, Long> steppingParams(String variantName) {
        Map<String, Long> own = resolve(variantName).params();
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        stepping.params().forEach((name, value) -> {
            if (own.containsKey(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    /**
     * The lesson with a variant's parts in place of its own. {@code ""} or null means the default
     * variant.
     *
     * @throws IllegalArgumentException if there is no such variant
     */
    public Lesson resolve(String variantName) {
        if (variants.isEmpty() && (variantName == null || variantName.isEmpty())) {
            return this;
        }
        String name = variantName == null || variantName.isEmpty() ? defaultVariant() : variantName;
        Variant v = variant(name).orElseThrow(() -> new IllegalArgumentException(
                "lesson '" + id + "' has no variant '" + name + "'; it has: "
                        + String.join(", ", variants.stream().map(Variant::name).toList())));
        Map<String, Long> merged = new java.util.LinkedHashMap<>(params);
        merged.putAll(v.params());
        return new Lesson(source, id, title, summary, concepts, level, narration, prediction, merged,
                v.shared() != null ? v.shared() : shared,
                v.workers() != null ? v.workers() : workers,
                v.main() != null ? v.main() : main,
                v.listings() != null ? v.listings() : listings,
                List.of(v), run,
                v.outcomes() != null ? v.outcomes() : outcomes, stepping, challenges);
    }
}
