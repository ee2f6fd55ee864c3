package org.vertebroplan.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.vertebroplan.plan.Plan;

/**
 * Undo/redo of plan edits as a stack of immutable {@link Plan} snapshots (plans are records, so a
 * snapshot costs a few small lists). {@link #push} records an edit and clears the redo stack; an edit
 * that changes nothing is not recorded. The plan last saved (or loaded) is remembered, so
 * {@link #dirty()} is false again after undoing back to it. At most {@link #LIMIT} steps are kept.
 * Not thread-safe: used on the FX thread only.
 */
final class PlanHistory {

    static final int LIMIT = 200;

    /** A plan and the words for the edit that made it. */
    private record Step(Plan plan, String what) {
    }

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private Plan current;
    private String currentWhat;
    private Plan saved;

    /** Starts a new history at a freshly loaded plan (clean). */
    void reset(Plan plan) {
        undo.clear();
        redo.clear();
        current = plan;
        currentWhat = null;
        saved = plan;
    }

    /** Records an edit; false (nothing recorded) when it equals the current plan. */
    boolean push(Plan plan) {
        return push(plan, null);
    }

    /** Records an edit described by {@code what} (for "Undone: ..."); false when it changes nothing. */
    boolean push(Plan plan, String what) {
        Objects.requireNonNull(plan, "plan");
        if (plan.equals(current)) {
            return false;
        }
        if (current != null) {
            undo.push(new Step(current, currentWhat));
            if (undo.size() > LIMIT) {
                undo.removeLast();
            }
        }
        redo.clear();
        current = plan;
        currentWhat = what;
        return true;
    }

    /** Steps back; returns the plan now current, or null when there is nothing to undo. */
    Plan undo() {
        if (undo.isEmpty()) {
            return null;
        }
        redo.push(new Step(current, currentWhat));
        Step back = undo.pop();
        current = back.plan();
        currentWhat = back.what();
        return current;
    }

    /** Steps forward again; returns the plan now current, or null when there is nothing to redo. */
    Plan redo() {
        if (redo.isEmpty()) {
            return null;
        }
        undo.push(new Step(current, currentWhat));
        Step next = redo.pop();
        current = next.plan();
        currentWhat = next.what();
        return current;
    }

    /** The words of the edit that redo would bring back (null when unknown or none). */
    String redoWhat() {
        return redo.isEmpty() ? null : redo.peek().what();
    }

    /** The words of the edit that made the current plan (null when unknown). */
    String currentWhat() {
        return currentWhat;
    }

    boolean canUndo() {
        return !undo.isEmpty();
    }

    boolean canRedo() {
        return !redo.isEmpty();
    }

    Plan current() {
        return current;
    }

    /** The current plan was written to disk. */
    void markSaved() {
        saved = current;
    }

    /** True when the current plan differs from the one last loaded or saved. */
    boolean dirty() {
        return current != null && !current.equals(saved);
    }
}
