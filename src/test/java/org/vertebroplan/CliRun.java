package org.vertebroplan;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One command line run in this JVM: its exit code, stdout and stderr. */
public record CliRun(int code, String out, String err) {

    /** Runs {@code vertebroplan args...} (the whole command tree of {@link Main}). */
    public static CliRun of(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The last line on stderr: the error line, after any progress. */
    public String errorLine() {
        String[] lines = err.strip().split("\n");
        return lines[lines.length - 1];
    }
}
