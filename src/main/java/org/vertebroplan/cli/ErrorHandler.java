package org.vertebroplan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.vertebroplan.base.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one clear line on stderr and the exit code of docs/cli.md:
 * 3 for bad input data (unreadable files, invalid plans), 1 for anything else (a bug, whose stack trace goes
 * to the local crash log, see io.CrashLog).
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    static final int BAD_INPUT = 3;
    static final int INTERNAL = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        int code = exitCodeOf(ex);
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        // an internal error is a bug: its details go to the local crash log (when the program installed one)
        java.nio.file.Path log = code == INTERNAL ? org.vertebroplan.io.CrashLog.record(Thread.currentThread(), ex) : null;
        cl.getErr().println((code == BAD_INPUT ? "error: " : "internal error: ") + msg.replace('\n', ' ')
            + (log == null ? "" : " (details in " + log + ")"));
        if (code == INTERNAL && Boolean.getBoolean("vertebroplan.debug")) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return code;
    }

    static int exitCodeOf(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof IOException || t instanceof UncheckedIOException) {
                return BAD_INPUT;
            }
        }
        return INTERNAL;
    }
}
