package io.guidelinekb.guideline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Where each key and value of a data file stands: a parsed tree forgets, and messages need it. */
public final class Locations {

    private Locations() {
    }

    /** Line and column of every value by JSON pointer, and of every key by its pointer and this. */
    public static final String KEY = "#key";

    /** Line and column of every key and value, by JSON pointer: a tree forgets where each stood. */
    public static Map<String, int[]> of(byte[] content, String file) throws IOException {
        Map<String, int[]> where = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        Deque<Integer> indexes = new ArrayDeque<>();
        try (JsonParser parser = DataFiles.factoryFor(file).createParser(content)) {
            JsonToken token;
            String pending = null;
            while ((token = parser.nextToken()) != null) {
                if (token.isStructEnd()) {
                    path.pop();
                    indexes.pop();
                    continue;
                }
                if (token == JsonToken.FIELD_NAME) {
                    pending = (path.isEmpty() ? "" : path.peek()) + "/" + parser.currentName();
                    where.put(pending + KEY, new int[] {parser.currentTokenLocation().getLineNr(),
                            parser.currentTokenLocation().getColumnNr()});
                    continue;
                }
                String here = pending != null ? pending : path.isEmpty() ? "" : arrayItem(path, indexes);
                pending = null;
                where.put(here, new int[] {parser.currentTokenLocation().getLineNr(),
                        parser.currentTokenLocation().getColumnNr()});
                if (token.isStructStart()) {
                    path.push(here);
                    indexes.push(0);
                }
            }
        }
        return where;
    }

    private static String arrayItem(Deque<String> path, Deque<Integer> indexes) {
        int index = indexes.pop();
        indexes.push(index + 1);
        return path.peek() + "/" + index;
    }}
