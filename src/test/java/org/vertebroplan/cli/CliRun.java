package org.vertebroplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process as a user would: exit code, stdout as JSON (when 0), stderr. */
record CliRun(int code, JsonNode json, String err) {

    static CliRun of(String... args) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = VertebroPlanCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, code == 0 ? new ObjectMapper().readTree(out.toString()) : null, err.toString());
    }
}
