package io.guidelinekb.output;

/** An output could not be written (a full disk, a closed pipe); the message names it and how far the run got. */
public final class OutputFailedException extends Exception {

    public OutputFailedException(String message) {
        super(message);
    }
}
