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

    private static final int FORMAT = 2;

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
                out.writeBoolean(rule.untied() != null);
                text(out, rule.untied() == null ? "" : rule.untied());
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

    /** Whether {@code stored} reads whole and names only files these sources have. */
    static boolean fits(byte[] stored, RuleSources sources) {
        return rows(stored, sources) != null;
    }

    /** The rules kept in {@code stored}, or null when they do not fit these sources ({@link #fits}). */
    static List<RuleCatalog.RuleEntry> read(byte[] stored, RuleSources sources, Vocabulary vocabulary) {
        List<Row> rows = rows(stored, sources);
        if (rows == null) {
            return null;
        }
        List<RuleCatalog.RuleEntry> rules = new ArrayList<>(rows.size());
        for (Row row : rows) {
            rules.add(new RuleCatalog.RuleEntry(row.name(), row.file(), row.line(), row.column(), row.metadata(),
                    definition(row.metadata(), vocabulary), row.imports(), row.asksMoreThanScope(), row.untied(),
                    RuleCatalog.parsedLater(row.file(), row.name())));
        }
        return rules;
    }

    /** A rule as kept, before its definition is read with the guideline's vocabulary. */
    private record Row(String name, RuleSources.RuleFile file, int line, int column, boolean asksMoreThanScope, String untied,
                       List<String> imports, Map<String, RuleCatalog.Located> metadata) {
    }

    private static List<Row> rows(byte[] stored, RuleSources sources) {
        if (stored == null) {
            return null;
        }
        Map<String, RuleSources.RuleFile> files = new HashMap<>();
        sources.files().forEach(file -> files.put(file.relativePath(), file));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            if (in.readInt() != FORMAT) {
                return null;
            }
            int count = in.readInt();
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = text(in);
                RuleSources.RuleFile file = files.get(text(in));
                int line = in.readInt();
                int column = in.readInt();
                boolean asksMoreThanScope = in.readBoolean();
                boolean isUntied = in.readBoolean();
                String untied = text(in);
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
                rows.add(new Row(name, file, line, column, asksMoreThanScope, isUntied ? untied : null, List.copyOf(imports), metadata));
            }
            return in.read() == -1 ? rows : null;
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
