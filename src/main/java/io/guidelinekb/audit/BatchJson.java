package io.guidelinekb.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON written to memory as UTF-8, for batch's output lines. */
public final class BatchJson {

    /** Lines end with a newline the pipeline writes, and nothing else goes between records. */
    private static final JsonFactory JSON = new JsonFactory().setRootValueSeparator(null);

    interface Writing {
        void write(JsonGenerator generator) throws IOException;
    }

    private BatchJson() {
    }

    static byte[] bytes(int expectedSize, Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(expectedSize);
        try (JsonGenerator generator = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            writing.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static String text(Writing writing) {
        return new String(bytes(64, writing), StandardCharsets.UTF_8);
    }
}
