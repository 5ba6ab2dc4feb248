package io.oversight.signals;
public record SignalReport(java.util.Map<String, Signal> signals) {
  public double score(String name) { return signals.get(name).score(); }
  public Signal get(String name) { return signals.get(name); }
  public java.util.Map<String, Double> scores() { var m = new java.util.LinkedHashMap<String, Double>(); signals.forEach((k,v)->m.put(k,v.score())); return m; }
}
