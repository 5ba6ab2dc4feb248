package io.oversight.signals;
public record Signal(String name, double score, java.util.List<String> matches, String detail) {
  public boolean fired() { return score >= Signals.THRESHOLD; }
}
