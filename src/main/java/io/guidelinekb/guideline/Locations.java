package io.guidelinekb.guideline;

/** Where each key and value of a data file stands ({@link DataFiles#parsed}): a tree forgets, and messages need it. */
public final class Locations {

    private Locations() {
    }

    /** Line and column of every value by JSON pointer, and of every key by its pointer and this. */
    public static final String KEY = io.guidelinekb.util.JsonTreeReader.KEY;
}
