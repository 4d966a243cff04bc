package io.guidelinekb.cdshooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What reading a FHIR server's answers may cost a hook call, counted on their bytes with a streaming
 * parser before any tree is built: JSON values (a tree costs tens of bytes each, so eight mebibytes
 * of {@code {}} would cost a gigabyte) and a search's entries. A bound that is hit stops the read.
 */
final class JsonBudget {

    /** Values one hook call may read: ten thousand Conditions of some forty values each. */
    static final int MAX_VALUES = 400_000;

    /** Values read by every read of the call, whichever thread read them. */
    private final java.util.concurrent.atomic.AtomicInteger values = new java.util.concurrent.atomic.AtomicInteger();

    /** Thrown when an answer would pass a bound: the hook call gets no advice on part of a record. */
    static final class Exceeded extends Exception {
        Exceeded(String message) {
            super(message);
        }
    }

    /** One search's entries, over its pages. */
    final class Search {
        private int entries;

        /**
         * Counts one answer's values against the call's and its Bundle's entries against the search's.
         *
         * @param bytes      the answer
         * @param maxEntries the entries the search may gather over all its pages
         * @throws Exceeded when a bound is passed
         * @throws IOException when the bytes are not JSON
         */
        void take(byte[] bytes, int maxEntries) throws Exceeded, IOException {
            entries = count(bytes, entries, maxEntries);
        }
    }

    Search search() {
        return new Search();
    }

    /** Counts the answer's values against the call; returns the entries so far, past {@code entries}. */
    private int count(byte[] bytes, int entries, int maxEntries) throws Exceeded, IOException {
        try (JsonParser parser = Cards.JSON.getFactory().createParser(bytes)) {
            int depth = 0;
            boolean inEntries = false;
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token.isStructStart()) {
                    depth++;
                    if (depth == 2 && token == JsonToken.START_ARRAY && "entry".equals(parser.currentName())) {
                        inEntries = true;
                    } else if (inEntries && depth == 3 && ++entries > maxEntries) {
                        throw new Exceeded("more than " + maxEntries + " entries");
                    }
                } else if (token.isStructEnd()) {
                    depth--;
                    if (depth == 1) {
                        inEntries = false;
                    }
                }
                if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY
                        && values.incrementAndGet() > MAX_VALUES) {
                    throw new Exceeded("more than " + MAX_VALUES + " JSON values");
                }
            }
        }
        return entries;
    }
}
