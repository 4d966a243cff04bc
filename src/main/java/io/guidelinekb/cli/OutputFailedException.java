package io.guidelinekb.cli;

/** An output could not be written (a full disk, a closed pipe); the message names it and how far the run got. */
final class OutputFailedException extends Exception {

    OutputFailedException(String message) {
        super(message);
    }
}
