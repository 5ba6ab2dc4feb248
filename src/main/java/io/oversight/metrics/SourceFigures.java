package io.oversight.metrics;

/**
 * One retrieved source over a window ({@code GET /api/v1/metrics/sources}): the escalated proposals
 * citing it that a person decided in the window.
 *
 * @param source the source's URL, else its title
 * @param title its title as cited (the alphabetically first when it was cited under several)
 * @param decided escalations citing it that a person decided in the window
 * @param edited of those, decided EDIT
 * @param rejected of those, decided REJECT or VETO
 * @param overrideRate (edited + rejected) / decided
 */
public record SourceFigures(String source, String title, long decided, long edited, long rejected, double overrideRate) {}
