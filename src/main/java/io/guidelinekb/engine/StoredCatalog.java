package io.guidelinekb.engine;

import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.Vocabulary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' catalogue as a part of a rule-cache entry: each rule's name, file, place, metadata,
 * imports and whether it asks more than scope. A cached start reads it instead of parsing every DRL
 * file again, which took a quarter of such a start. Definitions are parsed again from the metadata
 * (cheap, and always by this build's reader); syntax trees are parsed when an explanation asks.
 */
final class StoredCatalog {

    private static final int FORMAT = 1;

    private StoredCatalog() {
    }

    static byte[] write(List<RuleCatalog.RuleEntry> rules) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(rules.size());
            for (RuleCatalog.RuleEntry rule : rules) {
                text(out, rule.name());
                text(out, rule.file().relativePath());
                out.writeInt(rule.line());
                out.writeInt(rule.column());
                out.writeBoolean(rule.asksMoreThanScope());
                out.writeInt(rule.imports().size());
                for (String target : rule.imports()) {
                    text(out, target);
                }
                out.writeInt(rule.metadata().size());
                for (Map.Entry<String, RuleCatalog.Located> annotation : rule.metadata().entrySet()) {
                    text(out, annotation.getKey());
                    RuleCatalog.Located at = annotation.getValue();
                    out.writeBoolean(at.value() != null);
                    text(out, at.value() == null ? "" : at.value());
                    out.writeInt(at.line());
                    out.writeInt(at.column());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The rules kept in {@code stored}, or null when they name a file these sources do not have. */
    static List<RuleCatalog.RuleEntry> read(byte[] stored, RuleSources sources, Vocabulary vocabulary) {
        Map<String, RuleSources.RuleFile> files = new HashMap<>();
        sources.files().forEach(file -> files.put(file.relativePath(), file));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            if (in.readInt() != FORMAT) {
                return null;
            }
            int count = in.readInt();
            List<RuleCatalog.RuleEntry> rules = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = text(in);
                RuleSources.RuleFile file = files.get(text(in));
                int line = in.readInt();
                int column = in.readInt();
                boolean asksMoreThanScope = in.readBoolean();
                List<String> imports = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    imports.add(text(in));
                }
                Map<String, RuleCatalog.Located> metadata = new LinkedHashMap<>();
                for (int n = in.readInt(); n > 0; n--) {
                    String key = text(in);
                    boolean present = in.readBoolean();
                    String value = text(in);
                    metadata.put(key, new RuleCatalog.Located(present ? value : null, in.readInt(), in.readInt()));
                }
                if (file == null) {
                    return null;
                }
                rules.add(new RuleCatalog.RuleEntry(name, file, line, column, metadata, definition(metadata, vocabulary),
                        List.copyOf(imports), asksMoreThanScope, RuleCatalog.parsedLater(file, name)));
            }
            return in.read() == -1 ? rules : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static RecommendationDefinition definition(Map<String, RuleCatalog.Located> metadata, Vocabulary vocabulary) {
        if (!RecommendationDefinition.declaredBy(metadata)) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        metadata.forEach((key, located) -> values.put(key, located.value()));
        RecommendationDefinition.Result parsed = RecommendationDefinition.parse(values, vocabulary);
        if (!parsed.problems().isEmpty()) {
            throw new IllegalStateException("a kept definition no longer reads: " + parsed.problems());
        }
        return parsed.definition();
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a text longer than what is left");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
