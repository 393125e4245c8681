package org.threadlab.lesson;

import java.util.List;
import java.util.Map;

/**
 * A named edit of a lesson. Each part that is present replaces the lesson's own part whole; params
 * are merged over the lesson's. A part that is absent (null, or empty map for params) is kept.
 */
public record Variant(String name, String title, String description, Map<String, Long> params,
                      SharedState shared, List<Worker> workers, MainSteps main, List<Listing> listings,
                      List<Outcome> outcomes) {}
