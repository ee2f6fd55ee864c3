package org.vertebroplan.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vertebroplan.geom.Vec3;

/**
 * The axes the needle angles are measured in: superior S, anterior A and the patient's left L, an
 * orthonormal right-handed set (A = L x S). {@link #PATIENT} is the patient frame of docs/architecture.md
 * (S = +z, A = -y, L = +x in LPS). A vertebra frame follows the target vertebra instead: S is the
 * normal of its superior endplate and L the normal of its mid-sagittal plane, so a tilted or rotated
 * vertebra (scoliosis, a patient not lying straight) gets angles relative to its own anatomy.
 *
 * <p>A plan records the frame its angles use on each level, under the key {@value #PLAN_KEY}:
 * {@code {"name": "vertebra", "superior": [x, y, z], "left": [x, y, z]}}; without it, the patient frame
 * (version 1 plan files kept it at the top level).
 */
public record AngleFrame(String name, Vec3 superior, Vec3 anterior, Vec3 left) {

    /** The plan-file key of the angle frame. */
    public static final String PLAN_KEY = "angleFrame";

    public static final AngleFrame PATIENT = new AngleFrame("patient", Vec3.Z, new Vec3(0, -1, 0), Vec3.X);

    /**
     * A vertebra frame from the superior endplate's normal (pointing roughly cranially) and the
     * mid-sagittal plane's normal (pointing roughly to the patient's left). The second is made
     * orthogonal to the first; signs are fixed so that S has +z and L has +x components.
     */
    public static AngleFrame fromVertebra(Vec3 endplateNormal, Vec3 midSagittalNormal) {
        Vec3 s = endplateNormal.normalized();
        if (s.z() < 0) {
            s = s.times(-1);
        }
        Vec3 l = midSagittalNormal.minus(s.times(midSagittalNormal.dot(s)));
        if (l.norm() < 1e-6) {
            throw new IllegalArgumentException("the endplate and the mid-sagittal plane are parallel");
        }
        l = l.normalized();
        if (l.x() < 0) {
            l = l.times(-1);
        }
        return new AngleFrame("vertebra", s, l.cross(s), l);
    }

    /** The direction towards the mid-sagittal plane for a needle on this side. */
    public Vec3 medial(Side side) {
        return side == Side.LEFT ? left.times(-1) : left;
    }

    /**
     * The frame a single-level plan's angles use: its level's recorded frame, else the patient frame.
     * For plans with several levels use {@link Plan#angleFrameOf(Needle)}.
     */
    public static AngleFrame ofPlan(Plan plan) {
        return plan.levels().isEmpty() ? PATIENT : plan.levels().get(0).angleFrameOrPatient();
    }

    /**
     * A copy of a plan that records this frame on every level (creating one unnamed level when the plan
     * has none).
     */
    public Plan applyTo(Plan plan) {
        AngleFrame recorded = this.equals(PATIENT) ? null : this;
        List<PlanLevel> levels = new java.util.ArrayList<>();
        if (plan.levels().isEmpty()) {
            levels.add(new PlanLevel(null, recorded, Map.of()));
        } else {
            plan.levels().forEach(l -> levels.add(l.withAngleFrame(recorded)));
        }
        return plan.withLevels(levels);
    }

    /** The frame as plan-file JSON values: {"name", "superior", "left"}. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", name);
        if (!this.equals(PATIENT)) {
            value.put("superior", List.of(superior.x(), superior.y(), superior.z()));
            value.put("left", List.of(left.x(), left.y(), left.z()));
        }
        return value;
    }

    /** Reads {@link #toJsonMap} back; the patient frame for {"name": "patient"}. */
    public static AngleFrame fromJsonMap(Map<?, ?> m) {
        if ("patient".equals(m.get("name"))) {
            return PATIENT;
        }
        return fromVertebra(vector(m.get("superior")), vector(m.get("left")));
    }

    private static Vec3 vector(Object o) {
        if (o instanceof List<?> l && l.size() == 3 && l.stream().allMatch(n -> n instanceof Number)) {
            return new Vec3(((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue(),
                ((Number) l.get(2)).doubleValue());
        }
        throw new IllegalArgumentException("the plan's angleFrame needs \"superior\" and \"left\" as [x, y, z]");
    }
}
