package io.guidelinekb.terminology;

import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.RedFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a code can mean to the knowledge base: a closed vocabulary made from the fact model, so that
 * a new red flag or intervention is a concept without a list to keep in step here.
 * <ul>
 * <li>{@code LOW_BACK_PAIN}: a condition or an order's reason that makes an episode of low back pain</li>
 * <li>{@code BUTTOCK_PAIN}, {@code LEG_RADIATION}, {@code RADICULOPATHY}: findings</li>
 * <li>{@code RED_FLAG_<FLAG>}, e.g. {@code RED_FLAG_CAUDA_EQUINA}: a red flag</li>
 * <li>{@code RED_FLAGS_SCREENED}, {@code SELF_CARE_GAIN_EXPECTED}: yes/no observations</li>
 * <li>an intervention's name, e.g. {@code MRI}: a proposed order</li>
 * </ul>
 */
public record Concept(String name) {

    public static final Concept LOW_BACK_PAIN = new Concept("LOW_BACK_PAIN");
    public static final Concept BUTTOCK_PAIN = new Concept("BUTTOCK_PAIN");
    public static final Concept LEG_RADIATION = new Concept("LEG_RADIATION");
    public static final Concept RADICULOPATHY = new Concept("RADICULOPATHY");
    public static final Concept RED_FLAGS_SCREENED = new Concept("RED_FLAGS_SCREENED");
    public static final Concept SELF_CARE_GAIN_EXPECTED = new Concept("SELF_CARE_GAIN_EXPECTED");

    private static final String RED_FLAG = "RED_FLAG_";

    /** Every concept, in the order an author reads them. */
    public static final List<Concept> ALL = all();

    public Concept {
        Objects.requireNonNull(name, "concept name must not be null");
    }

    public static Concept of(RedFlag flag) {
        return new Concept(RED_FLAG + flag.name());
    }

    public static Concept of(Intervention intervention) {
        return new Concept(intervention.name());
    }

    /** The concept named {@code name}, or empty when there is none of that name. */
    public static Optional<Concept> named(String name) {
        return ALL.stream().filter(c -> c.name.equals(name)).findFirst();
    }

    /** The red flag this concept stands for, if it is one. */
    public Optional<RedFlag> redFlag() {
        return name.startsWith(RED_FLAG) ? enumNamed(RedFlag.class, name.substring(RED_FLAG.length())) : Optional.empty();
    }

    /** The intervention this concept stands for, if it is one. */
    public Optional<Intervention> intervention() {
        return enumNamed(Intervention.class, name);
    }

    private static <E extends Enum<E>> Optional<E> enumNamed(Class<E> type, String name) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static List<Concept> all() {
        List<Concept> all = new ArrayList<>(List.of(LOW_BACK_PAIN, BUTTOCK_PAIN, LEG_RADIATION, RADICULOPATHY));
        for (RedFlag flag : RedFlag.values()) {
            all.add(of(flag));
        }
        all.add(RED_FLAGS_SCREENED);
        all.add(SELF_CARE_GAIN_EXPECTED);
        for (Intervention intervention : Intervention.values()) {
            all.add(of(intervention));
        }
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return name;
    }
}
