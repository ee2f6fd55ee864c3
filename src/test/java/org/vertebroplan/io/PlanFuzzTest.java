package org.vertebroplan.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.vertebroplan.base.BadInputException;
import org.vertebroplan.plan.Plan;

/**
 * Coverage-guided fuzzing (Jazzer) of the plan reader, seeded with the sample case's plan: whatever the
 * text, reading it gives a plan or a {@link BadInputException}, and a plan it gives is written and read
 * back without error. Crashes found are kept under
 * {@code src/test/resources/org/vertebroplan/io/PlanFuzzTestInputs/planReader/} (docs/fuzzing.md).
 */
class PlanFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxExecutions = 5_000) // the last annotation, as Jazzer requires
    void planReader(byte[] data) {
        Plan plan;
        try {
            plan = PlanJson.fromJson(new String(data, StandardCharsets.UTF_8));
        } catch (BadInputException expected) {
            return;
        } catch (RuntimeException e) {
            throw new AssertionFailedError("not a BadInputException: " + e, e);
        }
        try {
            PlanJson.fromJson(PlanJson.toJson(plan));
        } catch (BadInputException | RuntimeException e) {
            throw new AssertionFailedError("a plan read from a file cannot be written and read back: " + e, e);
        }
    }

    static Stream<Arguments> seeds() throws IOException {
        return Stream.of(Arguments.of((Object) Files.readAllBytes(Path.of("sample-dicom", "plan.json"))));
    }
}
