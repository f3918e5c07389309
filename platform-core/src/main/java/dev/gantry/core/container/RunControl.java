package dev.gantry.core.container;

/** What exit handling needs of a run ({@link ContainerRuns}): a seam, so exits and restarts are tested alone. */
interface RunControl {
    /** Starts a new run; a failure is recorded in the container's state and thrown. */
    void start(Container c);

    /** Takes down what the run set up. */
    void cleanup(Container c);
}
