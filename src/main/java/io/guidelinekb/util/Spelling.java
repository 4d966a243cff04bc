package io.guidelinekb.util;

/** How far apart two names are, for the "did you mean" of error messages. */
public final class Spelling {

    private Spelling() {
    }

    /** Levenshtein distance: how many letters to add, drop or change to make {@code b} of {@code a}. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }

    /**
     * {@code " (did you mean PREFIX+name?)"} for the name of {@code known} nearest to {@code written}
     * (case aside, at most a third of its letters away), or {@code ""} when none is near.
     */
    public static String didYouMean(String written, java.util.Collection<String> known, String prefix) {
        String lower = written.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int d = distance(lower, name.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, written.length() / 3) ? " (did you mean " + prefix + best + "?)"
                : "";
    }
}
